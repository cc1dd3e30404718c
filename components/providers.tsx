"use client";
// Client-side data for the signed-in pages: one react-query client per browser tab (made in state,
// so a server render never shares one between users).

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Server components render the first data; a query refetches only when it asks to.
          queries: { staleTime: 2_000, refetchOnWindowFocus: false, retry: 1 },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
