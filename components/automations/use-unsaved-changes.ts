"use client";
// Warns before unsaved edits are lost: a link clicked inside the app, the browser's back button,
// and closing or reloading the tab. The warning is the browser's own confirm (close and reload
// allow nothing else), so all three read and behave alike.

import { useEffect, useRef } from "react";

export const UNSAVED_CHANGES_MESSAGE = "You have unsaved changes. Leave this page and discard them?";

function isInAppNavigation(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
  if (!anchor || anchor.target === "_blank" || anchor.hasAttribute("download")) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  // A link to a place on this page (the error summary's) is not leaving it.
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return null;
  return anchor;
}

export function useUnsavedChangesWarning(dirty: boolean): void {
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  useEffect(() => {
    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!dirtyRef.current) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = "";
    }
    // Capture phase, before Next's <Link> handler turns the click into a client navigation.
    function onClick(event: MouseEvent) {
      if (!dirtyRef.current || !isInAppNavigation(event)) return;
      if (window.confirm(UNSAVED_CHANGES_MESSAGE)) return;
      event.preventDefault();
      event.stopPropagation();
    }
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, []);

  // Back: while dirty, an extra history entry for this page absorbs the first "back"; leaving is
  // then a confirmed second step, staying puts the entry back.
  useEffect(() => {
    if (!dirty) return;
    window.history.pushState(window.history.state, "", window.location.href);
    let leaving = false;
    function onPopState() {
      if (leaving || !dirtyRef.current) return;
      if (window.confirm(UNSAVED_CHANGES_MESSAGE)) {
        leaving = true;
        window.history.back();
      } else {
        window.history.pushState(window.history.state, "", window.location.href);
      }
    }
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, [dirty]);
}
