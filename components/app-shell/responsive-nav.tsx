"use client";
// The main navigation on every screen size: inline from the `sm` breakpoint up, and behind a
// "Menu" button on phones, where the links would push the bell and sign-out off-screen.

import { useState } from "react";
import { NavLinks, type NavItem } from "./nav-links";

export function ResponsiveNav({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <div className="hidden sm:block">
        <NavLinks items={items} />
      </div>
      <div className="sm:hidden">
        <button
          type="button"
          aria-expanded={open}
          aria-controls="phone-menu"
          onClick={() => setOpen((value) => !value)}
          className="rounded-md border border-surface-line px-2.5 py-1.5 text-sm text-ink hover:bg-surface-sunken"
        >
          {open ? "Close menu" : "Menu"}
        </button>
        {/* A link followed from the menu closes it. */}
        <div
          id="phone-menu"
          hidden={!open}
          onClick={(event) => {
            if ((event.target as Element).closest("a")) setOpen(false);
          }} className="absolute inset-x-0 top-14 z-20 border-b border-surface-line bg-white px-4 py-2 shadow-md [&_nav]:flex-col [&_nav]:items-stretch">
          <NavLinks items={items} />
        </div>
      </div>
    </>
  );
}
