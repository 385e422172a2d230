// Validation (RFC 9111 §4.3): conditional requests for stale or no-cache answers, 304 handling,
// and the cache answering a client's own conditional request (§4.3.2).
// Staleness: STALE_SOON answers are fresh for the probe right after, stale after STALE_WAIT_MS.
import type { Case, OriginRequest, Trace, Verdict } from "../types.ts";
import { answer, fail, get, header, httpDate, na, pass, res, STALE_SOON, STALE_WAIT_MS, wait, wasHit } from "./dsl.ts";

const LM = httpDate(-10 * 86400);
const staleLater = [get(), get(), wait(STALE_WAIT_MS), get()];

/** The origin request that validated the stale answer, or a reason it cannot be judged. */
function validatingRequest(t: Trace): OriginRequest | Verdict {
  if (!wasHit(t, 1)) return na("the fresh answer was not reused by the probe, so it was not stored");
  const v = t.origin[1];
  if (!v) return fail("the stale answer was served without contacting the origin");
  return v;
}

const isVerdict = (x: OriginRequest | Verdict): x is Verdict => "outcome" in x;
const conditional = (r: OriginRequest) => r.headers["if-none-match"] !== undefined || r.headers["if-modified-since"] !== undefined;

/** For no-cache answers: the second request must have been a conditional one answered 304. */
function after304(t: Trace, judge: () => Verdict): Verdict {
  const v = t.origin[1];
  if (!v) return fail("the no-cache answer was reused without validation");
  if (v.answered !== 304) return na("the second request reached the origin without a validator, so there was no 304 to handle");
  return judge();
}

export const validation: Case[] = [
  {
    id: "validate-stale-conditionally",
    topic: "validation", level: "should", ref: "RFC 9111 §4.3.1",
    title: "a stale answer with ETag and Last-Modified is revalidated with a conditional request, not refetched",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { ...STALE_SOON, etag: '"v1"', "last-modified": LM }, validate: true }),
    steps: staleLater,
    check: (t) => {
      const v = validatingRequest(t);
      if (isVerdict(v)) return v;
      return conditional(v) ? pass("conditional request sent") : fail("the stale answer was refetched without If-None-Match or If-Modified-Since");
    },
  },
  {
    id: "validate-etag-if-none-match",
    topic: "validation", level: "must", ref: "RFC 9111 §4.3.1",
    title: "a conditional request for a stale answer with ETag carries that entity tag in If-None-Match",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { ...STALE_SOON, etag: '"v1"' }, validate: true }),
    steps: staleLater,
    check: (t) => {
      const v = validatingRequest(t);
      if (isVerdict(v)) return v;
      if (!conditional(v)) return na("the cache refetched unconditionally (allowed), so there is no conditional request to judge");
      const inm = v.headers["if-none-match"];
      return inm?.includes('"v1"') ? pass(`If-None-Match: ${inm}`) : fail(`expected If-None-Match with "v1", got ${inm ?? "none"}`);
    },
  },
  {
    id: "validate-last-modified-if-modified-since",
    topic: "validation", level: "should", ref: "RFC 9111 §4.3.1",
    title: "a conditional request for a stale answer with only Last-Modified carries it in If-Modified-Since",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { ...STALE_SOON, "last-modified": LM }, validate: true }),
    steps: staleLater,
    check: (t) => {
      const v = validatingRequest(t);
      if (isVerdict(v)) return v;
      const ims = v.headers["if-modified-since"];
      return ims === LM ? pass(`If-Modified-Since: ${ims}`) : fail(`expected If-Modified-Since: ${LM}, got ${ims ?? "none"}`);
    },
  },
  {
    id: "validate-304-serves-stored-body",
    topic: "validation", level: "must", ref: "RFC 9111 §4.3.3, §4.3.4",
    title: "a 304 to the cache's own validation becomes a 200 with the stored body for the client",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "no-cache", etag: '"v1"' }, validate: true }),
    steps: [get(), get()],
    check: (t) =>
      after304(t, () => {
        const r = res(t, 1);
        return r.status === 200 && r.body === answer(1) ? pass("200 with the stored body") : fail(`expected 200 "${answer(1)}", got ${r.status} "${r.body}"`);
      }),
  },
  {
    id: "validate-304-last-modified-serves-stored-body",
    topic: "validation", level: "must", ref: "RFC 9111 §4.3.3, §4.3.4",
    title: "same with Last-Modified as the only validator: 304 becomes 200 with the stored body",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "no-cache", "last-modified": LM }, validate: true }),
    steps: [get(), get()],
    check: (t) =>
      after304(t, () => {
        const r = res(t, 1);
        return r.status === 200 && r.body === answer(1) ? pass("200 with the stored body") : fail(`expected 200 "${answer(1)}", got ${r.status} "${r.body}"`);
      }),
  },
  {
    id: "validate-304-updates-headers",
    topic: "validation", level: "must", ref: "RFC 9111 §3.2, §4.3.4",
    title: "header fields in a 304 replace the stored ones (X-Revision 1 -> 2)",
    withoutCache: "fail-or-na",
    origin: (req) => ({ headers: { "cache-control": "no-cache", etag: '"v1"', "x-revision": String(req.n) }, validate: true }),
    steps: [get(), get()],
    check: (t) =>
      after304(t, () => {
        const rev = header(res(t, 1), "x-revision");
        return rev === "2" ? pass("X-Revision: 2 from the 304") : fail(`expected X-Revision: 2 from the 304, got ${rev ?? "none"}`);
      }),
  },
  {
    id: "validate-304-freshens",
    topic: "validation", level: "may", ref: "RFC 9111 §4.3.4",
    title: "a 304 carrying max-age=100 makes the stored answer fresh again: the next request is a hit",
    withoutCache: "fail-or-na",
    origin: (req) => ({ headers: req.n === 1 ? { ...STALE_SOON, etag: '"v1"' } : { "cache-control": "max-age=100", etag: '"v1"' }, validate: true }),
    steps: [...staleLater, get()],
    check: (t) => {
      const v = validatingRequest(t);
      if (isVerdict(v)) return v;
      if (v.answered !== 304) return na("the stale answer was refetched without a validator, so there was no 304");
      return wasHit(t, 3) && res(t, 3).body === answer(1) ? pass("reused after the 304") : fail(`expected a hit after the 304, saw ${t.origin.length} origin requests`);
    },
  },
  {
    id: "validate-200-replaces",
    topic: "validation", level: "may", ref: "RFC 9111 §4.3.3",
    title: "a 200 to a validation replaces the stored answer, which is then reused",
    withoutCache: "fail-or-na",
    origin: (req) => ({ headers: req.n === 1 ? { ...STALE_SOON, etag: '"v1"' } : { "cache-control": "max-age=100", etag: '"v2"' }, validate: true }),
    steps: [...staleLater, get()],
    check: (t) => {
      const v = validatingRequest(t);
      if (isVerdict(v)) return v;
      const got = [res(t, 2).body, res(t, 3).body];
      return got[0] === answer(2) && got[1] === answer(2) && t.origin.length === 2 ? pass("new answer stored and reused") : fail(`expected "${answer(2)}" twice with 2 origin requests, got ${got.join(" / ")} with ${t.origin.length}`);
    },
  },
  {
    id: "client-if-none-match-fresh-304",
    topic: "validation", level: "should", ref: "RFC 9111 §4.3.2",
    title: "a client's If-None-Match matching a fresh stored ETag is answered 304 by the cache",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100", etag: '"c1"' } }),
    steps: [get(), get(), get({ "if-none-match": '"c1"' })],
    check: (t) => clientConditional(t, 304),
  },
  {
    id: "client-if-modified-since-fresh-304",
    topic: "validation", level: "should", ref: "RFC 9111 §4.3.2",
    title: "a client's If-Modified-Since not older than the stored Last-Modified is answered 304 by the cache",
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": "max-age=100", "last-modified": LM } }),
    steps: [get(), get(), get({ "if-modified-since": LM })],
    check: (t) => clientConditional(t, 304),
  },
  {
    id: "client-if-none-match-mismatch-200",
    topic: "validation", level: "must", ref: "RFC 9110 §13.1.2",
    title: "a client's If-None-Match that does not match the stored ETag gets the full 200",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100", etag: '"c1"' } }),
    steps: [get(), get({ "if-none-match": '"other"' })],
    check: (t) => {
      const r = res(t, 1);
      return r.status === 200 && r.body.startsWith("answer") ? pass(`200 "${r.body}"`) : fail(`expected 200 with a body, got ${r.status}`);
    },
  },
  {
    id: "client-conditional-cold-forwarded",
    topic: "validation", level: "must", ref: "RFC 9111 §4.3.2",
    title: "a client's conditional request for a URL with nothing stored goes to the origin, whose 304 it gets",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100", etag: '"c1"' }, validate: true }),
    steps: [get({ "if-none-match": '"c1"' })],
    check: (t) => {
      const o = t.origin[0];
      const r = res(t, 0);
      if (!o) return fail("the conditional request never reached the origin");
      if (o.answered === 304) return r.status === 304 ? pass("forwarded; origin's 304 passed on") : fail(`the origin answered 304, the client got ${r.status}`);
      return r.status === 200 ? pass(`forwarded without the validator; 200 passed on`) : fail(`the origin answered ${o.answered}, the client got ${r.status}`);
    },
  },
];

function clientConditional(t: Trace, want: number): Verdict {
  if (!wasHit(t, 1)) return na("the fresh answer was not reused by the probe, so it was not stored");
  const r = res(t, 2);
  if (t.origin.length > 1) return fail(`expected the cache to answer from the store, saw ${t.origin.length} origin requests (client got ${r.status})`);
  return r.status === want ? pass(`${want} from the store`) : fail(`expected ${want}, got ${r.status}`);
}
