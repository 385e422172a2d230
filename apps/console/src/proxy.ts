// Every page and API call needs a session, except the sign-in page, next-auth's own endpoints and
// static assets. (Next 16 calls middleware "proxy".) Roles are checked by the API, not here.
import { withAuth } from "next-auth/middleware";
import { env } from "./env.ts";

export default withAuth({ secret: env.NEXTAUTH_SECRET, pages: { signIn: "/signin" } });

export const config = {
  matcher: ["/((?!signin|api/auth|_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};
