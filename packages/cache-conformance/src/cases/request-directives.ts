// Request directives (RFC 9111 §5.2.1). They are advisory ("caches MAY implement them"), except
// where serving stale beyond what the client allowed would break §4.2.4, and only-if-cached,
// whose 504 is a SHOULD.
import type { Case } from "../types.ts";
import { answer, fail, get, notReused, pass, res, reused } from "./dsl.ts";

const cc = (v: string) => ({ "cache-control": v });
const staleBy100 = () => ({ headers: { "cache-control": "max-age=100", age: "200" } });

export const requestDirectives: Case[] = [
  {
    id: "max-stale-serves-stale",
    topic: "request-directives", level: "may", ref: "RFC 9111 §5.2.1.2",
    title: "max-stale=1000 lets a response stale by 100 s be served",
    withoutCache: "fail-or-na",
    origin: staleBy100,
    steps: [get(), get(cc("max-stale=1000"))],
    check: reused,
  },
  {
    id: "max-stale-unbounded",
    topic: "request-directives", level: "may", ref: "RFC 9111 §5.2.1.2",
    title: "max-stale with no value accepts any staleness",
    withoutCache: "fail-or-na",
    origin: staleBy100,
    steps: [get(), get(cc("max-stale"))],
    check: reused,
  },
  {
    id: "max-stale-bounded",
    topic: "request-directives", level: "must", ref: "RFC 9111 §4.2.4, §5.2.1.2",
    title: "max-stale=10 does not permit a response stale by 100 s",
    withoutCache: "pass",
    origin: staleBy100,
    steps: [get(), get(cc("max-stale=10"))],
    check: (t) => notReused(t),
  },
  {
    id: "min-fresh-excludes",
    topic: "request-directives", level: "may", ref: "RFC 9111 §5.2.1.3",
    title: "min-fresh=1000 is not satisfied by a response with 100 s of freshness left",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get(), get(cc("min-fresh=1000"))],
    check: (t) => notReused(t),
  },
  {
    id: "min-fresh-satisfied",
    topic: "request-directives", level: "may", ref: "RFC 9111 §5.2.1.3",
    title: "min-fresh=10 is satisfied by a response with ~1000 s of freshness left",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=1000" } }),
    steps: [get(), get(cc("min-fresh=10"))],
    check: reused,
  },
  {
    id: "request-max-age-excludes",
    topic: "request-directives", level: "may", ref: "RFC 9111 §5.2.1.1",
    title: "request max-age=10 is not satisfied by a stored answer 50 s old",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100", age: "50" } }),
    steps: [get(), get(cc("max-age=10"))],
    check: (t) => notReused(t),
  },
  {
    id: "request-max-age-satisfied",
    topic: "request-directives", level: "may", ref: "RFC 9111 §5.2.1.1",
    title: "request max-age=60 is satisfied by a stored answer ~10 s old",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100", age: "10" } }),
    steps: [get(), get(cc("max-age=60"))],
    check: reused,
  },
  {
    id: "only-if-cached-cold-504",
    topic: "request-directives", level: "should", ref: "RFC 9111 §5.2.1.7",
    title: "only-if-cached with nothing stored: 504 and no origin request",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get(cc("only-if-cached"))],
    check: (t) => {
      const s = res(t, 0).status;
      if (t.origin.length > 0) return fail(`expected no origin request, saw ${t.origin.length} (answered ${s})`);
      return s === 504 ? pass("504 without contacting the origin") : fail(`expected 504, got ${s}`);
    },
  },
  {
    id: "only-if-cached-hit",
    topic: "request-directives", level: "should", ref: "RFC 9111 §5.2.1.7",
    title: "only-if-cached with a fresh stored answer: served from the store",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get(), get(cc("only-if-cached"))],
    check: reused,
  },
  {
    id: "only-if-cached-stale-not-served",
    topic: "request-directives", level: "must", ref: "RFC 9111 §4.2.4, §5.2.1.7",
    title: "only-if-cached with only a stale stored answer: the stale answer is not served",
    withoutCache: "pass",
    origin: staleBy100,
    steps: [get(), get(cc("only-if-cached"))],
    check: (t) => {
      const last = res(t, 1);
      if (last.status === 0) return fail(`no answer (${last.error})`);
      return last.body === answer(1) ? fail(`the stale answer was served (${last.status})`) : pass(`answered ${last.status}${last.status === 504 ? "" : " (504 expected from a cache; SHOULD)"}`);
    },
  },
];
