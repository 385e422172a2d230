// A create page is for admins: everyone else gets a plain "read-only" page with the way back, not
// a disabled form. The API refuses them anyway; this only says so before they fill anything in.
import Link from "next/link";
import type { ReactNode } from "react";
import { getSessionUser } from "@/server/auth/session";

export interface AdminsOnlyProps {
  /** "routes" reads "Only admins can create routes." */
  things: string;
  backHref: string;
  backLabel: string;
  children: ReactNode;
}

export async function AdminsOnly({ things, backHref, backLabel, children }: AdminsOnlyProps) {
  const user = await getSessionUser();
  if (user?.roles.includes("admin")) return <>{children}</>;
  const roles = user?.roles.length ? user.roles.join(", ") : "no role";
  return (
    <section className="card" data-testid="read-only">
      <h2>Read-only</h2>
      <p>
        Only admins can create {things}. You are signed in as {user?.name ?? "someone"} ({roles}), so you can look at them but not
        change them.
      </p>
      <p>
        <Link href={backHref}>{backLabel}</Link>
      </p>
    </section>
  );
}
