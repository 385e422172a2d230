"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { TRole } from "@tta/domain/browser";
import type { CurrentUser } from "../current-user";
import { SignOutButton } from "./sign-out-button";

// `roles` hides a link from other roles (everyone sees it when absent); the API refuses them anyway.
const LINKS: readonly { href: string; label: string; roles?: readonly TRole[] }[] = [
  { href: "/routes", label: "Routes" },
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
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link href="/routes" className="brand">
          TTA Gateway <span className="brand-sub">Console</span>
        </Link>
        <nav aria-label="Main">
          <ul className="nav-links">
            {LINKS.filter((l) => !l.roles || l.roles.some((r) => user.roles.includes(r))).map((l) => {
              const active = pathname === l.href || pathname.startsWith(`${l.href}/`);
              return (
                <li key={l.href}>
                  <Link href={l.href} className={active ? "nav-link active" : "nav-link"} aria-current={active ? "page" : undefined}>
                    {l.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="user-box" data-testid="current-user">
          <span className="user-name">{user.name}</span>
          <span className="user-roles">{user.roles.join(", ") || "no role"}</span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
