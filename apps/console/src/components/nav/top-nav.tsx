"use client";
// The top bar. Wide screens show the links and the signed-in user in the bar; narrower ones fold
// both into a panel under the bar, opened by the menu button (closes on navigation and on Escape).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { TRole } from "@tta/domain/browser";
import type { CurrentUser } from "../current-user";
import { landingPath } from "./landing-path";
import { SignOutButton } from "./sign-out-button";

// `roles` hides a link from other roles (everyone sees it when absent); the API refuses them anyway.
const LINKS: readonly { href: string; label: string; roles?: readonly TRole[] }[] = [
  { href: "/overview", label: "Overview", roles: ["admin", "operator"] },
  { href: "/routes", label: "Routes" },
  { href: "/services", label: "Services" },
  { href: "/policies", label: "Policies" },
  { href: "/revisions", label: "Revisions" },
  { href: "/operations", label: "Operations", roles: ["admin", "operator"] },
  // Clinicians get the queue; operators and admins who are not clinicians get its counts.
  { href: "/escalations", label: "Escalations", roles: ["clinician", "admin", "operator"] },
  { href: "/safety", label: "Safety", roles: ["admin"] },
  { href: "/audit", label: "Audit", roles: ["admin"] },
  { href: "/users", label: "Users", roles: ["admin"] },
];

export function TopNav({ user }: { user: CurrentUser }) {
  const pathname = usePathname();
  // The menu is open on the page it was opened on: navigating elsewhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  const roles = user.roles.join(", ") || "no role";

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link href={landingPath(user.roles)} className="brand">
          TTA Gateway <span className="brand-sub">Console</span>
        </Link>
        <button
          ref={button}
          type="button"
          className="button menu-button"
          aria-expanded={open}
          aria-controls="topbar-menu"
          data-testid="menu-button"
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d={open ? "M3.5 3.5l9 9M12.5 3.5l-9 9" : "M2 4h12M2 8h12M2 12h12"} stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" fill="none" />
          </svg>
          Menu
        </button>
        <div id="topbar-menu" className={open ? "topbar-menu open" : "topbar-menu"}>
          <nav aria-label="Main">
            <ul className="nav-links">
              {LINKS.filter((l) => !l.roles || l.roles.some((r) => user.roles.includes(r))).map((l) => {
                const active = pathname === l.href || pathname.startsWith(`${l.href}/`);
                return (
                  <li key={l.href}>
                    <Link
                      href={l.href}
                      className={active ? "nav-link active" : "nav-link"}
                      aria-current={active ? "page" : undefined}
                      onClick={() => setOpenOn(null)}
                    >
                      {l.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="user-box" data-testid="current-user">
            <span className="user-name" title={user.name}>
              {user.name}
            </span>
            <span className="user-roles" title={roles}>
              {roles}
            </span>
            <SignOutButton />
          </div>
        </div>
      </div>
    </header>
  );
}
