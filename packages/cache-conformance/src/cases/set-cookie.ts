// Set-Cookie and a shared cache. RFC 9111 §7.3 says Set-Cookie does not inhibit caching, so only
// the qualified private / no-cache forms are requirements; not handing a stored Set-Cookie to
// another client without them is a safety choice the RFC allows, graded "may".
import type { Case, Trace, Verdict } from "../types.ts";
import { fail, get, header, pass, res } from "./dsl.ts";

function cookieNotShared(t: Trace): Verdict {
  const second = res(t, 1);
  if (second.status === 0) return fail(`the second request got no answer (${second.error})`);
  const cookie = header(second, "set-cookie") ?? "";
  if (cookie.includes("user=1")) return fail(`the second client got the first client's Set-Cookie (${cookie})`);
  const how = t.origin.length === 1 ? "reused without the Set-Cookie" : "second request went to the origin";
  return pass(`${how}; second client's Set-Cookie: ${cookie || "none"}`);
}

const cookie = (n: number) => `user=${n}; Path=/`;

export const setCookie: Case[] = [
  {
    id: "set-cookie-private-field",
    topic: "set-cookie", level: "must", ref: "RFC 9111 §5.2.2.7",
    title: 'private="set-cookie": a shared cache does not store the Set-Cookie field',
    withoutCache: "pass",
    origin: (req) => ({ headers: { "cache-control": 'max-age=100, private="set-cookie"', "set-cookie": cookie(req.n) } }),
    steps: [get(), get()],
    check: cookieNotShared,
  },
  {
    id: "set-cookie-no-cache-field",
    topic: "set-cookie", level: "must", ref: "RFC 9111 §5.2.2.4",
    title: 'no-cache="set-cookie": the stored Set-Cookie is not sent again without revalidation',
    withoutCache: "pass",
    origin: (req) => ({ headers: { "cache-control": 'max-age=100, no-cache="set-cookie"', "set-cookie": cookie(req.n) } }),
    steps: [get(), get()],
    check: cookieNotShared,
  },
  {
    id: "set-cookie-not-shared",
    topic: "set-cookie", level: "may", ref: "RFC 9111 §7.3",
    title: "a plain max-age=100 answer's Set-Cookie is not handed to a second client (not an RFC requirement)",
    withoutCache: "pass",
    origin: (req) => ({ headers: { "cache-control": "max-age=100", "set-cookie": cookie(req.n) } }),
    steps: [get(), get()],
    check: cookieNotShared,
  },
];
