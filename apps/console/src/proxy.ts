// Runs before every page and API request (Next 16 calls middleware "proxy"):
// 1. a state-changing request (not GET/HEAD/OPTIONS) from another origin gets 403 JSON
//    CONSOLE_FORBIDDEN_ORIGIN (src/security/same-origin.ts), API and next-auth included;
// 2. the API passes on: tRPC answers a call without a session itself with 401 JSON;
// 3. pages get a Content-Security-Policy with a fresh nonce, which Next puts on its scripts, and
//    every page but /signin needs a session (else the browser is sent to /signin).
import { errorBody, newId } from "@tta/domain";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { env } from "./env.ts";
import { contentSecurityPolicy, HSTS, newNonce, servedOverHttps } from "./security/headers.ts";
import { checkSameOrigin, isSessionCookieName } from "./security/same-origin.ts";
import { ownOrigin } from "./server/own-origin.ts";

function refuseForeignOrigin(req: NextRequest): NextResponse | null {
  const verdict = checkSameOrigin(
    {
      method: req.method,
      origin: req.headers.get("origin"),
      secFetchSite: req.headers.get("sec-fetch-site"),
      hasSessionCookie: req.cookies.getAll().some((c) => isSessionCookieName(c.name)),
    },
    ownOrigin(req.nextUrl.origin),
  );
  if (verdict.ok) return null;
  return NextResponse.json(errorBody("CONSOLE_FORBIDDEN_ORIGIN", newId("request"), undefined, { reason: verdict.reason }), { status: 403 });
}

const overHttps = (req: NextRequest) =>
  servedOverHttps({ nextAuthUrl: env.NEXTAUTH_URL, trustProxy: env.CONSOLE_TRUST_PROXY, forwardedProto: req.headers.get("x-forwarded-proto") });

function withHsts(req: NextRequest, res: NextResponse): NextResponse {
  if (overHttps(req)) res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

/** Next reads the nonce from the request's Content-Security-Policy; pages may read `x-nonce`. */
function page(req: NextRequest): NextResponse {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: env.NODE_ENV === "development", https: overHttps(req) });
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  return withHsts(req, res);
}

const signedInPage = withAuth(page, { secret: env.NEXTAUTH_SECRET, pages: { signIn: "/signin" } });

export default async function proxy(req: NextRequest, event: NextFetchEvent) {
  const refused = refuseForeignOrigin(req);
  if (refused) return refused;
  const { pathname } = req.nextUrl;
  if (pathname.startsWith("/api/")) return withHsts(req, NextResponse.next());
  if (pathname === "/signin") return page(req);
  // A page's answer has its headers already; the redirect to /signin still needs HSTS.
  const res = await signedInPage(req as NextRequestWithAuth, event);
  return res instanceof NextResponse ? withHsts(req, res) : res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};
