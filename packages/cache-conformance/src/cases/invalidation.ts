// Invalidation by unsafe methods (RFC 9111 §4.4): the target URI MUST be invalidated on a
// non-error answer; Location / Content-Location on the same origin MAY be; another origin's
// URIs MUST NOT be.
import type { Case, OriginReply, Trace, Verdict } from "../types.ts";
import { fail, get, na, pass, res, send, wasHit } from "./dsl.ts";

const stored: OriginReply = { headers: { "cache-control": "max-age=100" } };

/** GET /r twice (the second is the storage probe), then METHOD /r, then GET /r. */
function targetCase(method: string, status: number, level: "must" | "may"): Case {
  const keeps = status >= 400;
  return {
    id: keeps ? `invalidate-${method.toLowerCase()}-${status}-keeps` : `invalidate-${method.toLowerCase()}-${status}`,
    topic: "invalidation", level, ref: "RFC 9111 §4.4",
    title: keeps ? `a ${method} answered ${status} need not invalidate: the stored answer is still reused` : `a ${method} answered ${status} invalidates the stored answer for its URL`,
    withoutCache: keeps ? "fail-or-na" : "pass",
    origin: (req) => (req.method === "GET" ? stored : { status, headers: { "cache-control": "no-store" } }),
    steps: [get(), get(), { req: { method, body: "x" } }, get()],
    check: (t) => (keeps ? stillStored(t, 3) : refetched(t, 3)),
  };
}

function refetched(t: Trace, i: number): Verdict {
  if (wasHit(t, i)) return fail("the GET after the unsafe request was answered from the store");
  const r = res(t, i);
  return r.status === 200 ? pass("the GET after the unsafe request reached the origin") : fail(`expected 200 from the origin, got ${r.status}`);
}

function stillStored(t: Trace, i: number): Verdict {
  if (!wasHit(t, 1)) return na("the first GET answer was not stored, so there was nothing to keep or invalidate");
  return wasHit(t, i) ? pass("still answered from the store") : fail("the stored answer was dropped after a failed unsafe request");
}

/** GET /b twice (probe), POST /r answered with `headers` (pointing at b), then GET /b. */
function relatedCase(id: string, level: "must" | "may", title: string, headers: (prefix: string) => Record<string, string>, invalidates: boolean): Case {
  return {
    id, topic: "invalidation", level, ref: "RFC 9111 §4.4", title,
    withoutCache: "fail-or-na",
    origin: (req) => (req.method === "GET" ? stored : { status: 201, headers: { "cache-control": "no-store", ...headers(req.clientPrefix) } }),
    steps: [get({}, "/b"), get({}, "/b"), send({ method: "POST", path: "/r", body: "x" }), get({}, "/b")],
    check: (t) => {
      if (!wasHit(t, 1)) return na("/b was not stored, so its invalidation cannot be seen");
      if (invalidates) return wasHit(t, 3) ? fail("/b was still answered from the store") : pass("/b was refetched");
      return wasHit(t, 3) ? pass("/b still answered from the store") : fail("/b was invalidated by a URI on another origin");
    },
  };
}

export const invalidation: Case[] = [
  targetCase("POST", 200, "must"),
  targetCase("PUT", 204, "must"),
  targetCase("DELETE", 200, "must"),
  targetCase("PATCH", 200, "must"),
  targetCase("POST", 303, "must"),
  targetCase("POST", 500, "may"),
  targetCase("DELETE", 404, "may"),
  relatedCase("invalidate-location", "may", "a POST answered 201 with Location: b invalidates the stored /b", () => ({ location: "b" }), true),
  relatedCase("invalidate-content-location", "may", "a POST answered with Content-Location: b invalidates the stored /b", () => ({ "content-location": "b" }), true),
  relatedCase(
    "invalidate-not-other-origin",
    "must",
    "a Location naming /b on another origin does not invalidate this origin's /b",
    (prefix) => ({ location: `http://other.invalid${new URL(prefix).pathname}/b` }),
    false,
  ),
];
