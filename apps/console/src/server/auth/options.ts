// next-auth: email + password against the users table, JWT sessions carrying id, name, email and
// roles. The API still reloads the user per request (see session-user.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../../env.ts";
import { servedOverHttps } from "../../security/headers.ts";
import { safeRedirectPath } from "../../security/safe-redirect.ts";
import { getDb } from "../db.ts";
import { checkCredentials } from "./credentials.ts";

/** The address the console's server saw the sign-in come from: Next appends it last to X-Forwarded-For. */
function peerOf(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded !== "string" || !forwarded) return null;
  return forwarded.split(",").at(-1)?.trim().slice(0, 64) || null;
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  // Secure (and __Secure-/__Host- named) cookies over https. Decided by NEXTAUTH_URL alone, not per
  // request: next-auth's middleware picks the session cookie's name by the same rule.
  useSecureCookies: servedOverHttps({ nextAuthUrl: env.NEXTAUTH_URL, trustProxy: false, forwardedProto: null }),
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => checkCredentials(getDb(), credentials?.email, credentials?.password, { ip: peerOf(req.headers) }),
    }),
  ],
  callbacks: {
    // Every redirect next-auth makes (callbackUrl after sign-in or sign-out) stays on this origin.
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, new URL(baseUrl).origin), baseUrl).href;
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.roles = user.roles;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.sub ?? "", name: token.name ?? "", email: token.email ?? "", roles: token.roles ?? [] };
      return session;
    },
  },
};
