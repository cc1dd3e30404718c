"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server HTML and during hydration, true once React owns the page. Controls that need
 * JavaScript stay disabled until then, so an early click or keystroke is not silently lost (and
 * Playwright, which waits for enabled controls, never races hydration).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
