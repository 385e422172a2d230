// Concurrent requests for a cold key. Collapsing them is no RFC requirement, so the cacheable
// case is a measured figure; handing one client's private or authorised answer to another while
// collapsing would break RFC 9111 §3 / §3.5, so those cases are judged.
import type { Case, Trace, Verdict } from "../types.ts";
import { fail, pass } from "./dsl.ts";

export const COALESCE_CLIENTS = 8;
const clients = (headers: (i: number) => Record<string, string>) => ({ parallel: Array.from({ length: COALESCE_CLIENTS }, (_, i) => ({ headers: headers(i) })) });

function eachOwnAnswer(t: Trace): Verdict {
  const bodies = new Set(t.res.filter((r) => r.status === 200).map((r) => r.body));
  if (bodies.size === COALESCE_CLIENTS) return pass(`${COALESCE_CLIENTS} clients, ${COALESCE_CLIENTS} distinct origin answers`);
  return fail(`${COALESCE_CLIENTS} clients got only ${bodies.size} distinct 200 answers: one answer was handed to several clients`);
}

export const coalescing: Case[] = [
  {
    id: "coalescing-cold-cacheable",
    topic: "coalescing", level: "may", ref: "RFC 9111 §4 (not a requirement)",
    title: `${COALESCE_CLIENTS} concurrent requests for a cold cacheable URL: origin requests counted`,
    withoutCache: "measured",
    origin: () => ({ headers: { "cache-control": "max-age=100" }, delayMs: 300 }),
    steps: [clients(() => ({}))],
    check: (t) => ({ outcome: "measured", figure: t.origin.length, detail: `${COALESCE_CLIENTS} concurrent clients -> ${t.origin.length} origin requests` }),
  },
  {
    id: "coalescing-private-not-shared",
    topic: "coalescing", level: "must", ref: "RFC 9111 §3, §5.2.2.7",
    title: "concurrent requests answered private: each client gets its own origin answer",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "private, max-age=100" }, delayMs: 300 }),
    steps: [clients(() => ({}))],
    check: eachOwnAnswer,
  },
  {
    id: "coalescing-authorization-not-shared",
    topic: "coalescing", level: "must", ref: "RFC 9111 §3.5",
    title: "concurrent requests with different Authorization: each client gets its own origin answer",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100" }, delayMs: 300 }),
    steps: [clients((i) => ({ authorization: `Bearer user-${i}` }))],
    check: eachOwnAnswer,
  },
];
