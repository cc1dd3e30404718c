import type { ReactNode } from "react";

// Sign-in and sign-up: a centred card, no app navigation.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold text-ink">
        <span aria-hidden className="grid h-8 w-8 place-items-center rounded-md bg-brand-600 text-white">
          ⚡
        </span>
        Automations
      </div>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
