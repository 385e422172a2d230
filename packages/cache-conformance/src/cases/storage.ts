// Storage (RFC 9111 §3): what a shared cache may keep. Status codes follow RFC 9110 §15.1:
// heuristically cacheable ones may be stored without explicit freshness, the others may not.
import type { Case } from "../types.ts";
import { answer, fail, get, httpDate, na, notReused, pass, res, reused, send, wasHit } from "./dsl.ts";

const twice = [get(), get()];
const OLD = () => httpDate(-10 * 86400);

const heuristic = [203, 204, 300, 301, 308, 404, 405, 410, 414, 501].map(
  (status): Case => ({
    id: `heuristic-status-${status}`,
    topic: "storage", level: "may", ref: "RFC 9111 §4.2.2, RFC 9110 §15.1",
    title: `a ${status} with only Last-Modified is heuristically cacheable: reused`,
    withoutCache: "fail-or-na",
    origin: () => ({ status, headers: { "last-modified": OLD(), ...(status >= 300 && status < 400 ? { location: "elsewhere" } : {}) } }),
    steps: twice,
    check: (t) => (status === 204 ? reused204(t) : reused(t)),
  }),
);

// A 204 has no body to tell answers apart, so only the origin count says whether it was reused.
function reused204(t: Parameters<Case["check"]>[0]) {
  return t.origin.length === 1 && res(t, 1).status === 204 ? pass("1 origin request for 2 client requests") : fail(`expected 1 origin request, saw ${t.origin.length}`);
}

const notHeuristic = [302, 307, 403, 500].map(
  (status): Case => ({
    id: `not-heuristic-status-${status}`,
    topic: "storage", level: "must", ref: "RFC 9111 §3, RFC 9110 §15.1",
    title: `a ${status} without explicit freshness is not stored, even with an old Last-Modified`,
    withoutCache: "pass",
    origin: () => ({ status, headers: { "last-modified": OLD(), ...(status < 400 ? { location: "elsewhere" } : {}) } }),
    steps: twice,
    check: (t) => notReused(t),
  }),
);

export const storage: Case[] = [
  {
    id: "no-store-response",
    topic: "storage", level: "must", ref: "RFC 9111 §5.2.2.5",
    title: "a response with no-store (and max-age=100) is not reused",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100, no-store" } }),
    steps: twice, check: (t) => notReused(t),
  },
  {
    id: "no-store-request",
    topic: "storage", level: "must", ref: "RFC 9111 §5.2.1.5",
    title: "the answer to a request with no-store is not stored for the next request",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get({ "cache-control": "no-store" }), get()],
    check: (t) => notReused(t),
  },
  {
    id: "private-response",
    topic: "storage", level: "must", ref: "RFC 9111 §5.2.2.7",
    title: "a shared cache does not store a private response (max-age=100)",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "private, max-age=100" } }),
    steps: twice, check: (t) => notReused(t),
  },
  {
    id: "explicit-302-reused",
    topic: "storage", level: "may", ref: "RFC 9111 §3",
    title: "a 302 with max-age=100 is stored and reused",
    withoutCache: "fail-or-na",
    origin: () => ({ status: 302, headers: { "cache-control": "max-age=100", location: "elsewhere" } }),
    steps: twice, check: reused,
  },
  {
    id: "explicit-307-reused",
    topic: "storage", level: "may", ref: "RFC 9111 §3",
    title: "a 307 with max-age=100 is stored and reused",
    withoutCache: "fail-or-na",
    origin: () => ({ status: 307, headers: { "cache-control": "max-age=100", location: "elsewhere" } }),
    steps: twice, check: reused,
  },
  ...heuristic,
  ...notHeuristic,
  {
    id: "post-not-reused-for-get",
    topic: "storage", level: "must", ref: "RFC 9111 §4, RFC 9110 §9.3.3",
    title: "a POST answer with max-age=100 and no Content-Location does not answer a later GET",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [send({ method: "POST", body: "x" }), get()],
    check: (t) => notReused(t),
  },
  {
    id: "post-content-location-reused-for-get",
    topic: "storage", level: "may", ref: "RFC 9110 §9.3.3",
    title: "a POST answer with max-age=100 and Content-Location equal to its URI may answer a later GET",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100", "content-location": "r" } }),
    steps: [send({ method: "POST", body: "x" }), get()],
    check: reused,
  },
  {
    id: "post-written-through",
    topic: "storage", level: "must", ref: "RFC 9111 §4",
    title: "a POST to a URL with a fresh stored GET answer still reaches the origin",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get(), send({ method: "POST", body: "x" })],
    check: (t) => (t.origin[1]?.method === "POST" ? pass("the POST reached the origin") : fail(`expected the POST at the origin, saw ${t.origin.map((r) => r.method).join(", ")}`)),
  },
  {
    id: "unknown-directive-ignored",
    topic: "storage", level: "must", ref: "RFC 9111 §5.2.3",
    title: "an unrecognised directive (max-age=100, x-unheard-of=1) is ignored: stored like plain max-age=100",
    withoutCache: "fail-or-na",
    origin: (req) => ({ headers: { "cache-control": req.path === "/plain" ? "max-age=100" : "max-age=100, x-unheard-of=1" } }),
    steps: [get({}, "/plain"), get({}, "/plain"), get({}, "/ext"), get({}, "/ext")],
    check: (t) => {
      if (!wasHit(t, 1)) return na("the plain max-age=100 control was not reused, so nothing to compare");
      return wasHit(t, 3) && res(t, 3).body === answer(2) ? pass("reused like the control") : fail("the control was reused but the one with the extension directive was not");
    },
  },
  {
    id: "huge-max-age-reused",
    topic: "storage", level: "must", ref: "RFC 9111 §1.2.2",
    title: "max-age=99999999999 (past 2^31) is taken as a very long lifetime: stored like plain max-age=100",
    withoutCache: "fail-or-na",
    origin: (req) => ({ headers: { "cache-control": req.path === "/plain" ? "max-age=100" : "max-age=99999999999" } }),
    steps: [get({}, "/plain"), get({}, "/plain"), get({}, "/huge"), get({}, "/huge")],
    check: (t) => {
      if (!wasHit(t, 1)) return na("the plain max-age=100 control was not reused, so nothing to compare");
      return wasHit(t, 3) && res(t, 3).body === answer(2) ? pass("reused like the control") : fail("the control was reused but the huge max-age was not (overflow treated as invalid or negative?)");
    },
  },
  {
    id: "directives-case-insensitive",
    topic: "storage", level: "must", ref: "RFC 9111 §5.2",
    title: "directive names are case-insensitive: \"MAX-AGE=100, NO-STORE\" is not stored",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "MAX-AGE=100, NO-STORE" } }),
    steps: twice, check: (t) => notReused(t),
  },
  {
    id: "cache-control-split-lines",
    topic: "storage", level: "must", ref: "RFC 9111 §5.2, RFC 9110 §5.3",
    title: "Cache-Control split over two lines (max-age=100 / no-store) is one list: not stored",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": ["max-age=100", "no-store"] } }),
    steps: twice, check: (t) => notReused(t),
  },
];
