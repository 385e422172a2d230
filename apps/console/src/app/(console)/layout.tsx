// Every console page: signed in (the proxy checks the cookie, this checks the user is still
// active), the top navigation, and the tRPC client.
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { CurrentUserProvider } from "@/components/current-user";
import { TopNav } from "@/components/nav/top-nav";
import { getSessionUser } from "@/server/auth/session";
import { TRPCReactProvider } from "@/trpc/react";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  return (
    <CurrentUserProvider user={user}>
      <TopNav user={user} />
      <TRPCReactProvider>
        <main className="page">{children}</main>
      </TRPCReactProvider>
    </CurrentUserProvider>
  );
}
