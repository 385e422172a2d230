"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { CurrentUser } from "../current-user";
import { SignOutButton } from "./sign-out-button";

// adminOnly hides a link from other roles; the API refuses them anyway.
const LINKS: readonly { href: string; label: string; adminOnly?: boolean }[] = [
  { href: "/routes", label: "Routes" },
  { href: "/policies", label: "Policies" },
  { href: "/revisions", label: "Revisions" },
  { href: "/users", label: "Users", adminOnly: true },
  // Operations, Escalations and Audit come with their issues.
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
            {LINKS.filter((l) => !l.adminOnly || user.roles.includes("admin")).map((l) => {
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
