import type { Metadata } from "next";
import { UsersPage } from "@/components/users/users-page";
import { getSessionUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Users" };

// The API refuses users.* to non-admins whatever this page does; this only spares them a page
// of refusals.
export default async function Page() {
  const user = await getSessionUser();
  if (!user?.roles.includes("admin")) {
    return (
      <>
        <h1>Users</h1>
        <p className="notice" data-testid="users-admins-only">
          Only admins manage console users.
        </p>
      </>
    );
  }
  return <UsersPage />;
}
