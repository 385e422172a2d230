// Authorization (RFC 9111 §3.5): a shared cache reuses an answer to an authenticated request only
// when the answer says so (public, s-maxage or must-revalidate).
import type { Case } from "../types.ts";
import { get, notReused, reused } from "./dsl.ts";

const alice = { authorization: "Bearer alice" };
const bob = { authorization: "Bearer bob" };

function allowedBy(directives: string): Case {
  const name = directives.split(/[=,]/)[0];
  return {
    id: `authorization-${name}-reused`,
    topic: "authorization", level: "may", ref: "RFC 9111 §3.5",
    title: `an answer to an authenticated request with "${directives}" may be reused`,
    withoutCache: "fail-or-na",
    origin: () => ({ headers: { "cache-control": directives } }),
    steps: [get(alice), get(alice)],
    check: reused,
  };
}

export const authorization: Case[] = [
  {
    id: "authorization-other-user",
    topic: "authorization", level: "must", ref: "RFC 9111 §3.5",
    title: "an answer to alice's authenticated request (max-age=100) is not reused for bob",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get(alice), get(bob)],
    check: (t) => notReused(t),
  },
  {
    id: "authorization-then-anonymous",
    topic: "authorization", level: "must", ref: "RFC 9111 §3.5",
    title: "an answer to an authenticated request (max-age=100) is not reused for an anonymous one",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get(alice), get()],
    check: (t) => notReused(t),
  },
  {
    id: "authorization-same-user",
    topic: "authorization", level: "must", ref: "RFC 9111 §3.5",
    title: "without public/s-maxage/must-revalidate, not even the same credentials get a stored answer",
    withoutCache: "pass",
    origin: () => ({ headers: { "cache-control": "max-age=100" } }),
    steps: [get(alice), get(alice)],
    check: (t) => notReused(t),
  },
  allowedBy("public, max-age=100"),
  allowedBy("s-maxage=100"),
  allowedBy("must-revalidate, max-age=100"),
];
