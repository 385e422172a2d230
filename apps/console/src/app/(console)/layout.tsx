// Every console page: signed in (the proxy checks the cookie, this checks the user is still
// active), the top navigation, and the tRPC client.
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { CurrentUserProvider } from "@/components/current-user";
import { TopNav } from "@/components/nav/top-nav";
import { ToastProvider } from "@/components/ui/toast";
import { getSessionUser } from "@/server/auth/session";
import { TRPCReactProvider } from "@/trpc/react";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  return (
    <CurrentUserProvider user={user}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <TopNav user={user} />
      <TRPCReactProvider>
        <ToastProvider>
          <main id="main" className="page" tabIndex={-1}>{children}</main>
        </ToastProvider>
      </TRPCReactProvider>
    </CurrentUserProvider>
  );
}
