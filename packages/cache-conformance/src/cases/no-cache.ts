// no-cache in responses (RFC 9111 §5.2.2.4: revalidate before every reuse) and in requests
// (§5.2.1.4, advisory like every request directive: "caches MAY implement them", §5.2.1).
import type { Case } from "../types.ts";
import { fail, get, notReused, pass, res } from "./dsl.ts";

export const noCache: Case[] = [
  {
    id: "no-cache-response-every-reuse",
    topic: "no-cache", level: "must", ref: "RFC 9111 §5.2.2.4",
    title: "no-cache with max-age=100: each of three requests reaches the origin",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "no-cache, max-age=100" } }),
    steps: [get(), get(), get()],
    check: (t) => notReused(t),
  },
  {
    id: "no-cache-response-with-etag",
    topic: "no-cache", level: "must", ref: "RFC 9111 §5.2.2.4",
    title: "no-cache with an ETag: the second request reaches the origin (conditional or not) and gets 200",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "no-cache, max-age=100", etag: '"nc1"' }, validate: true }),
    steps: [get(), get()],
    check: (t) => {
      if (t.origin.length < 2) return fail(`expected 2 origin requests, saw ${t.origin.length}: reused without validation`);
      const second = res(t, 1);
      return second.status === 200 ? pass(`revalidated (origin answered ${t.origin[1]?.answered}); client got 200`) : fail(`expected 200 for an unconditional request, got ${second.status}`);
    },
  },
  {
    id: "no-cache-request-reload",
    topic: "no-cache", level: "may", ref: "RFC 9111 §5.2.1.4",
    title: "a request with Cache-Control: no-cache is not answered from a fresh stored answer",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get(), get({ "cache-control": "no-cache" })],
    check: (t) => notReused(t),
  },
  {
    id: "request-max-age-zero-reload",
    topic: "no-cache", level: "may", ref: "RFC 9111 §5.2.1.1",
    title: "a request with max-age=0 is not answered from a stored answer older than 0 s",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100", age: "5" } }),
    steps: [get(), get({ "cache-control": "max-age=0" })],
    check: (t) => notReused(t),
  },
  {
    id: "no-cache-ignores-max-stale",
    topic: "no-cache", level: "must", ref: "RFC 9111 §5.2.2.4",
    title: "a no-cache answer is not served without validation even to a request with max-stale",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "no-cache, max-age=100" } }),
    steps: [get(), get({ "cache-control": "max-stale=1000" })],
    check: (t) => notReused(t),
  },
];
