// RFC 5861: stale-while-revalidate (serve stale at once, refresh in the background) and
// stale-if-error (serve stale when the origin fails), each only within its window; outside it,
// RFC 9111 §4.2.4 forbids serving stale.
import type { Case, Trace, Verdict } from "../types.ts";
import { answer, fail, get, header, na, notReused, pass, res, wait } from "./dsl.ts";

const STALE_BY_49 = "50";

function servedStale(t: Trace): Verdict {
  const r = res(t, 1);
  return r.status === 200 && r.body === answer(1) ? pass(`stale answer served (${r.ms} ms)`) : fail(`expected the stale 200 "${answer(1)}", got ${r.status === 0 ? "no answer" : `${r.status} "${r.body}"`}`);
}

const thenFails = (cc: string, second: "500" | "503" | "close" | "404"): Case["origin"] => (req) => {
  if (req.n === 1) return { headers: { "cache-control": cc, age: STALE_BY_49 } };
  if (second === "close") return { fail: "close" };
  return { status: Number(second), headers: { "cache-control": "no-store" } };
};

export const staleWhileRevalidate: Case[] = [
  {
    id: "swr-serves-stale-at-once",
    topic: "stale-while-revalidate", level: "may", ref: "RFC 5861 §3",
    title: "within stale-while-revalidate, a stale answer is served without waiting for the (slow) origin",
    withoutCache: "fail-or-na",
    origin: (req) => (req.n === 1 ? { headers: { "cache-control": "max-age=1, stale-while-revalidate=100", age: STALE_BY_49 } } : { headers: { "cache-control": "max-age=100" }, delayMs: 600 }),
    steps: [get(), get()],
    check: (t) => {
      const v = servedStale(t);
      return v.outcome === "pass" && res(t, 1).ms > 400 ? fail(`stale answer served only after ${res(t, 1).ms} ms: the refresh was not in the background`) : v;
    },
  },
  {
    id: "swr-refreshes-in-background",
    topic: "stale-while-revalidate", level: "should", ref: "RFC 5861 §3",
    title: "after serving stale within stale-while-revalidate, the cache refreshes: the next request sees the new answer",
    withoutCache: "fail-or-na",
    origin: (req) => (req.n === 1 ? { headers: { "cache-control": "max-age=1, stale-while-revalidate=100", age: STALE_BY_49 } } : { headers: { "cache-control": "max-age=100" }, delayMs: 200 }),
    steps: [get(), get(), wait(700), get()],
    check: (t) => {
      if (res(t, 1).body !== answer(1)) return na("the stale answer was not served, so no background refresh to observe");
      const third = res(t, 2);
      if (t.origin.length < 2) return fail("no refresh reached the origin");
      return third.body === answer(2) ? pass(`refreshed; ${t.origin.length} origin requests`) : fail(`expected "${answer(2)}" after the refresh, got "${third.body}"`);
    },
  },
  {
    id: "swr-beyond-window",
    topic: "stale-while-revalidate", level: "must", ref: "RFC 9111 §4.2.4, RFC 5861 §3",
    title: "a response stale by 99 s is not served under stale-while-revalidate=10",
    withoutCache: "pass",
    origin: (req) => ({ headers: { "cache-control": "max-age=1, stale-while-revalidate=10", age: req.n === 1 ? "100" : "0" } }),
    steps: [get(), get()],
    check: (t) => notReused(t),
  },
];

export const staleIfError: Case[] = [
  {
    id: "sie-500-serves-stale",
    topic: "stale-if-error", level: "may", ref: "RFC 5861 §4",
    title: "within stale-if-error, a 500 from the origin is replaced by the stale answer",
    withoutCache: "fail-or-na",
    origin: thenFails("max-age=1, stale-if-error=100", "500"),
    steps: [get(), get()],
    check: servedStale,
  },
  {
    id: "sie-503-serves-stale",
    topic: "stale-if-error", level: "may", ref: "RFC 5861 §4",
    title: "within stale-if-error, a 503 from the origin is replaced by the stale answer",
    withoutCache: "fail-or-na",
    origin: thenFails("max-age=1, stale-if-error=100", "503"),
    steps: [get(), get()],
    check: servedStale,
  },
  {
    id: "sie-origin-down-serves-stale",
    topic: "stale-if-error", level: "may", ref: "RFC 5861 §4",
    title: "within stale-if-error, an origin that drops the connection is replaced by the stale answer",
    withoutCache: "fail-or-na",
    origin: thenFails("max-age=1, stale-if-error=100", "close"),
    steps: [get(), get()],
    check: servedStale,
  },
  {
    id: "sie-request-directive",
    topic: "stale-if-error", level: "may", ref: "RFC 5861 §4",
    title: "a request's stale-if-error=100 lets a stale answer replace the origin's 500",
    withoutCache: "fail-or-na",
    origin: thenFails("max-age=1", "500"),
    steps: [get(), get({ "cache-control": "stale-if-error=100" })],
    check: servedStale,
  },
  {
    id: "sie-stale-visibly-stale",
    topic: "stale-if-error", level: "should", ref: "RFC 5861 §4",
    title: "a stale answer served for stale-if-error is visibly stale: its Age exceeds its max-age",
    withoutCache: "fail-or-na",
    origin: thenFails("max-age=1, stale-if-error=100", "500"),
    steps: [get(), get()],
    check: (t) => {
      if (res(t, 1).body !== answer(1)) return na("the stale answer was not served");
      const age = Number(header(res(t, 1), "age"));
      return age > 1 ? pass(`Age: ${age}`) : fail(`expected Age above 1 (the max-age), got ${header(res(t, 1), "age") ?? "none"}`);
    },
  },
  {
    id: "sie-beyond-window",
    topic: "stale-if-error", level: "must", ref: "RFC 9111 §4.2.4, RFC 5861 §4",
    title: "a response stale by 49 s is not served under stale-if-error=10: the client gets the 500",
    withoutCache: "pass",
    origin: thenFails("max-age=1, stale-if-error=10", "500"),
    steps: [get(), get()],
    check: (t) => errorPassedOn(t, 500),
  },
  {
    id: "sie-404-is-not-an-error",
    topic: "stale-if-error", level: "must", ref: "RFC 5861 §4, RFC 9111 §4.2.4",
    title: "a 404 is not an error in the stale-if-error sense: the client gets the 404",
    withoutCache: "pass",
    origin: thenFails("max-age=1, stale-if-error=100", "404"),
    steps: [get(), get()],
    check: (t) => errorPassedOn(t, 404),
  },
  {
    id: "stale-without-permission-500",
    topic: "stale-if-error", level: "must", ref: "RFC 9111 §4.2.4",
    title: "without stale-if-error, a stale answer does not replace the origin's 500 (the cache is not disconnected)",
    withoutCache: "pass",
    origin: thenFails("max-age=1", "500"),
    steps: [get(), get()],
    check: (t) => errorPassedOn(t, 500),
  },
];

function errorPassedOn(t: Trace, status: number): Verdict {
  const r = res(t, 1);
  if (r.body === answer(1)) return fail(`the stale answer was served instead of the origin's ${status}`);
  return r.status === status ? pass(`${status} passed on`) : fail(`expected ${status}, got ${r.status === 0 ? "no answer" : r.status}`);
}
