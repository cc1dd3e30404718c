import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

export function AuthCard({ title, description, footer, children }: { title: string; description?: string; footer?: ReactNode; children: ReactNode }) {
  return (
    <Card className="p-6">
      <h1 className="text-xl font-semibold tracking-tight text-ink">{title}</h1>
      {description ? <p className="mt-1 text-sm text-ink-muted">{description}</p> : null}
      <div className="mt-5">{children}</div>
      {footer ? <p className="mt-5 border-t border-surface-line pt-4 text-sm text-ink-muted">{footer}</p> : null}
    </Card>
  );
}
