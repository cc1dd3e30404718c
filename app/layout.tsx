import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Automations", template: "%s · Automations" },
  description: "CRM workflow automations: triggers, conditions and actions for your sales team.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-surface-sunken font-sans text-ink antialiased">{children}</body>
    </html>
  );
}
