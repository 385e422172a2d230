// Vary (RFC 9111 §4.1): a stored answer is reused only for requests whose nominated header
// fields match, "Vary: *" never matches, and several variants of one URL can be stored.
import type { Case, Trace, Verdict } from "../types.ts";
import { answer, fail, get, notReused, pass, res, reused } from "./dsl.ts";

const varyOn = (vary: string): Case["origin"] => () => ({ headers: { "cache-control": "max-age=100", vary } });
const ae = (v: string) => ({ "accept-encoding": v });
const al = (v: string) => ({ "accept-language": v });

function variants(t: Trace): Verdict {
  // en -> 1, fr -> 2, en -> 1 from the store, fr -> 2 from the store.
  const want = [answer(1), answer(2), answer(1), answer(2)];
  const got = t.res.map((r) => r.body);
  if (t.origin.length !== 2) return fail(`expected 2 origin requests (one per variant), saw ${t.origin.length}`);
  return got.every((b, i) => b === want[i]) ? pass("both variants stored and each served to its own Accept-Language") : fail(`expected ${want.join(" / ")}, got ${got.join(" / ")}`);
}

export const vary: Case[] = [
  {
    id: "vary-accept-encoding-differs",
    topic: "vary", level: "must", ref: "RFC 9111 §4.1",
    title: "Vary: Accept-Encoding: a gzip answer is not reused for a br request",
    withoutCache: "pass",
    origin: varyOn("Accept-Encoding"),
    steps: [get(ae("gzip")), get(ae("br"))],
    check: (t) => notReused(t),
  },
  {
    id: "vary-accept-encoding-same",
    topic: "vary", level: "may", ref: "RFC 9111 §4.1",
    title: "Vary: Accept-Encoding: reused for the same Accept-Encoding",
    withoutCache: "fail-or-na",
    origin: varyOn("Accept-Encoding"),
    steps: [get(ae("gzip")), get(ae("gzip"))],
    check: reused,
  },
  {
    id: "vary-accept-language-differs",
    topic: "vary", level: "must", ref: "RFC 9111 §4.1",
    title: "Vary: Accept-Language: an en answer is not reused for fr",
    withoutCache: "pass",
    origin: varyOn("Accept-Language"),
    steps: [get(al("en")), get(al("fr"))],
    check: (t) => notReused(t),
  },
  {
    id: "vary-accept-language-same",
    topic: "vary", level: "may", ref: "RFC 9111 §4.1",
    title: "Vary: Accept-Language: reused for the same Accept-Language",
    withoutCache: "fail-or-na",
    origin: varyOn("Accept-Language"),
    steps: [get(al("en")), get(al("en"))],
    check: reused,
  },
  {
    id: "vary-absent-then-present",
    topic: "vary", level: "must", ref: "RFC 9111 §4.1",
    title: "Vary: Accept-Language: an answer to a request without it is not reused for one with it",
    withoutCache: "pass",
    origin: varyOn("Accept-Language"),
    steps: [get(), get(al("fr"))],
    check: (t) => notReused(t),
  },
  {
    id: "vary-present-then-absent",
    topic: "vary", level: "must", ref: "RFC 9111 §4.1",
    title: "Vary: Accept-Language: an answer to fr is not reused for a request without Accept-Language",
    withoutCache: "pass",
    origin: varyOn("Accept-Language"),
    steps: [get(al("fr")), get()],
    check: (t) => notReused(t),
  },
  {
    id: "vary-star-never-reused",
    topic: "vary", level: "must", ref: "RFC 9111 §4.1",
    title: "Vary: * never matches, even for identical requests",
    withoutCache: "pass",
    origin: varyOn("*"),
    steps: [get(), get()],
    check: (t) => notReused(t),
  },
  {
    id: "vary-two-fields-one-differs",
    topic: "vary", level: "must", ref: "RFC 9111 §4.1",
    title: "Vary: Accept-Encoding, Accept-Language: a difference in the second field alone prevents reuse",
    withoutCache: "pass",
    origin: varyOn("Accept-Encoding, Accept-Language"),
    steps: [get({ ...ae("gzip"), ...al("en") }), get({ ...ae("gzip"), ...al("fr") })],
    check: (t) => notReused(t),
  },
  {
    id: "vary-field-name-case",
    topic: "vary", level: "must", ref: "RFC 9111 §4.1",
    title: "Vary field names are case-insensitive (vary: ACCEPT-LANGUAGE still separates en from fr)",
    withoutCache: "pass",
    origin: varyOn("ACCEPT-LANGUAGE"),
    steps: [get(al("en")), get(al("fr"))],
    check: (t) => notReused(t),
  },
  {
    id: "vary-unlisted-header-ignored",
    topic: "vary", level: "may", ref: "RFC 9111 §4.1",
    title: "Vary: Accept-Language: a difference in Accept-Encoding alone does not prevent reuse",
    withoutCache: "fail-or-na",
    origin: varyOn("Accept-Language"),
    steps: [get({ ...al("en"), ...ae("gzip") }), get({ ...al("en"), ...ae("br") })],
    check: reused,
  },
  {
    id: "vary-two-variants-stored",
    topic: "vary", level: "may", ref: "RFC 9111 §4.1",
    title: "Vary: Accept-Language: en and fr variants are stored side by side and each reused",
    withoutCache: "fail-or-na",
    origin: varyOn("Accept-Language"),
    steps: [get(al("en")), get(al("fr")), get(al("en")), get(al("fr"))],
    check: variants,
  },
];
