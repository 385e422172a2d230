// Every page needs a session, except the sign-in page and static assets; without one the browser
// is sent to /signin. (Next 16 calls middleware "proxy".) The API is not redirected: tRPC answers
// a call without a session itself with 401 JSON (code, correlation id), and checks roles.
import { withAuth } from "next-auth/middleware";
import { env } from "./env.ts";

export default withAuth({ secret: env.NEXTAUTH_SECRET, pages: { signIn: "/signin" } });

export const config = {
  matcher: ["/((?!signin|api/auth|api/trpc|_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};
