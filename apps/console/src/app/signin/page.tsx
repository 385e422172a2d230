import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { safeRedirectPath } from "@/security/safe-redirect";
import { getSessionUser } from "@/server/auth/session";
import { ownOrigin } from "@/server/own-origin";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if (await getSessionUser()) {
    // Already signed in: go where the link asked, if that is this console.
    const { callbackUrl } = await searchParams;
    const host = (await headers()).get("host") ?? "localhost";
    redirect(safeRedirectPath(typeof callbackUrl === "string" ? callbackUrl : null, ownOrigin(`http://${host}`)));
  }
  return (
    <main className="signin-page">
      <div className="signin-card">
        <h1>TTA Gateway Console</h1>
        <p className="muted">Sign in with your console account.</p>
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </main>
  );
}
