import type { Config } from "tailwindcss";

// Theme tokens; Tailwind 4 reads this file through `@config` in app/globals.css.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef4ff", 100: "#dae6ff", 500: "#3b6cf6", 600: "#2a55db", 700: "#2143b0" },
        ink: { DEFAULT: "#111827", muted: "#4b5563", faint: "#9ca3af" },
        surface: { DEFAULT: "#ffffff", sunken: "#f6f7f9", line: "#e5e7eb" },
        success: "#15803d",
        danger: "#b91c1c",
        warning: "#b45309",
      },
      borderRadius: { card: "0.75rem" },
    },
  },
};

export default config;
