// The Age header on answers served from the store (RFC 9111 §4, §5.1): present, and equal to the
// current_age, which includes upstream Age and the time spent in the cache.
import type { Case, Trace, Verdict } from "../types.ts";
import { fail, get, header, na, notReused, pass, res, wait, wasHit } from "./dsl.ts";

function ageBetween(t: Trace, i: number, low: number, slackSeconds: number): Verdict {
  if (!wasHit(t, i)) return na("the answer was not served from the store, so there is no Age to judge");
  const raw = header(res(t, i), "age");
  if (raw === undefined) return fail("a stored answer was served without an Age header");
  if (!/^\d+$/.test(raw.trim())) return fail(`Age is not a non-negative integer: "${raw}"`);
  const age = Number(raw);
  const high = low + slackSeconds;
  return age >= low && age <= high ? pass(`Age: ${age} (expected ${low}..${high})`) : fail(`expected Age between ${low} and ${high}, got ${age}`);
}

export const age: Case[] = [
  {
    id: "age-on-hit",
    topic: "age", level: "must", ref: "RFC 9111 §4",
    title: "an answer served from the store carries a plausible Age (0..2)",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get(), get()],
    check: (t) => ageBetween(t, 1, 0, 2),
  },
  {
    id: "age-includes-upstream",
    topic: "age", level: "must", ref: "RFC 9111 §4.2.3",
    title: "upstream Age: 30 is carried into the Age of a hit (30..32)",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100", age: "30" } }),
    steps: [get(), get()],
    check: (t) => ageBetween(t, 1, 30, 2),
  },
  {
    id: "age-grows-while-stored",
    topic: "age", level: "must", ref: "RFC 9111 §4.2.3",
    title: "Age grows with the time spent in the cache (Age: 10 upstream, hit 1.1 s later: 11..13)",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100", age: "10" } }),
    steps: [get(), wait(1100), get()],
    check: (t) => ageBetween(t, 1, 11, 2),
  },
  {
    id: "age-with-expires",
    topic: "age", level: "must", ref: "RFC 9111 §4",
    title: "a hit fresh by Expires with upstream Age: 30 carries Age 30..32",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { expires: new Date(Date.now() + 3600_000).toUTCString(), age: "30" } }),
    steps: [get(), get()],
    check: (t) => ageBetween(t, 1, 30, 2),
  },
  {
    id: "age-invalid-stale",
    topic: "age", level: "should", ref: "RFC 9111 §5.1",
    title: "an invalid upstream Age (\"ten\") makes the response stale: not reused",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100", age: "ten" } }),
    steps: [get(), get()],
    check: (t) => notReused(t),
  },
  {
    id: "age-multiple-first-wins",
    topic: "age", level: "should", ref: "RFC 9111 §5.1",
    title: "with two Age lines (200, then 0) the first counts: max-age=100 is stale, not reused",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100", age: ["200", "0"] } }),
    steps: [get(), get()],
    check: (t) => notReused(t),
  },
];
