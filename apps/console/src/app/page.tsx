import { redirect } from "next/navigation";
import { landingPath } from "@/components/nav/landing-path";
import { getSessionUser } from "@/server/auth/session";

// "/" is where sign-in sends a user without a ?callbackUrl=: their role's start page.
export default async function Home() {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  redirect(landingPath(user.roles));
}
