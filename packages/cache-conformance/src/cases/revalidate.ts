// must-revalidate, proxy-revalidate and s-maxage (RFC 9111 §5.2.2.2, §5.2.2.8, §5.2.2.10): once
// stale, never served without validation, not even to a client that accepts stale (max-stale)
// or when the origin is down.
import type { Case, Trace, Verdict } from "../types.ts";
import { answer, fail, get, notReused, pass, res, reused } from "./dsl.ts";

const STALE = { age: "200" };
const acceptStale = { "cache-control": "max-stale=1000" };

function notServedStale(t: Trace): Verdict {
  const last = res(t, t.res.length - 1);
  if (last.body === answer(1)) return fail(`the stale answer was served (status ${last.status}) while the origin was down`);
  return pass(last.status === 0 ? `no answer (${last.error})` : `answered ${last.status}, not the stale body`);
}

const down = (cc: string): Case["origin"] => (req) => (req.n === 1 ? { headers: { "cache-control": cc, ...STALE } } : { fail: "close" });

export const revalidate: Case[] = [
  {
    id: "must-revalidate-ignores-max-stale",
    topic: "revalidate", level: "must", ref: "RFC 9111 §5.2.2.2",
    title: "a stale must-revalidate answer is not served to a request with max-stale=1000",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100, must-revalidate", ...STALE } }),
    steps: [get(), get(acceptStale)],
    check: (t) => notReused(t),
  },
  {
    id: "proxy-revalidate-ignores-max-stale",
    topic: "revalidate", level: "must", ref: "RFC 9111 §5.2.2.8",
    title: "a shared cache does not serve a stale proxy-revalidate answer to max-stale=1000",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100, proxy-revalidate", ...STALE } }),
    steps: [get(), get(acceptStale)],
    check: (t) => notReused(t),
  },
  {
    id: "s-maxage-ignores-max-stale",
    topic: "revalidate", level: "must", ref: "RFC 9111 §5.2.2.10",
    title: "a stale s-maxage answer is not served to max-stale=1000 (s-maxage implies proxy-revalidate)",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "s-maxage=100", ...STALE } }),
    steps: [get(), get(acceptStale)],
    check: (t) => notReused(t),
  },
  {
    id: "must-revalidate-origin-down",
    topic: "revalidate", level: "must", ref: "RFC 9111 §5.2.2.2",
    title: "with the origin down, a stale must-revalidate answer is not served",
    withoutCache: "pass",
    origin: down("max-age=100, must-revalidate"),
    steps: [get(), get()],
    check: notServedStale,
  },
  {
    id: "must-revalidate-origin-down-504",
    topic: "revalidate", level: "should", ref: "RFC 9111 §5.2.2.2",
    title: "with the origin down, a stale must-revalidate answer is replaced by a 504",
    withoutCache: "fail-or-na",
    origin: down("max-age=100, must-revalidate"),
    steps: [get(), get()],
    check: (t) => {
      const s = res(t, 1).status;
      if (res(t, 1).body === answer(1)) return fail("the stale answer was served");
      return s === 504 ? pass("504") : fail(`expected 504, got ${s === 0 ? "no answer" : s}`);
    },
  },
  {
    id: "proxy-revalidate-origin-down",
    topic: "revalidate", level: "must", ref: "RFC 9111 §5.2.2.8",
    title: "with the origin down, a stale proxy-revalidate answer is not served by a shared cache",
    withoutCache: "pass",
    origin: down("max-age=100, proxy-revalidate"),
    steps: [get(), get()],
    check: notServedStale,
  },
  {
    id: "s-maxage-origin-down",
    topic: "revalidate", level: "must", ref: "RFC 9111 §5.2.2.10",
    title: "with the origin down, a stale s-maxage answer is not served (s-maxage implies proxy-revalidate)",
    withoutCache: "pass",
    origin: down("s-maxage=100"),
    steps: [get(), get()],
    check: notServedStale,
  },
  {
    id: "must-revalidate-fresh-reused",
    topic: "revalidate", level: "may", ref: "RFC 9111 §5.2.2.2",
    title: "must-revalidate does not stop reuse while fresh (max-age=100)",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100, must-revalidate" } }),
    steps: [get(), get()],
    check: reused,
  },
];
