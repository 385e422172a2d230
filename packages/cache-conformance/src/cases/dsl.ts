// Small builders the case files share: requests, waits, dates and the common verdicts.
import type { ClientRequest, ClientResponse, Step, Trace, Verdict } from "../types.ts";

export const get = (headers: Record<string, string> = {}, path?: string): Step => ({ req: { headers, path } });
export const send = (req: ClientRequest): Step => ({ req });
export const wait = (ms: number): Step => ({ wait: ms });

/** An HTTP-date `offsetSeconds` from now (negative: in the past). */
export function httpDate(offsetSeconds = 0): string {
  return new Date(Date.now() + offsetSeconds * 1000).toUTCString();
}

export const pass = (detail: string): Verdict => ({ outcome: "pass", detail });
export const fail = (detail: string): Verdict => ({ outcome: "fail", detail });
export const na = (detail: string): Verdict => ({ outcome: "na", detail });

export const answer = (n: number) => `answer ${n}`;

/** Headers of a response that is fresh now and stale after STALE_WAIT_MS (lifetime 10 s, 9 s old). */
export const STALE_SOON = { "cache-control": "max-age=10", age: "9" } as const;
export const STALE_WAIT_MS = 1200;

export function res(t: Trace, i: number): ClientResponse {
  const r = t.res[i];
  if (!r) throw new Error(`case has no answer #${i + 1}`);
  return r;
}

function describe(r: ClientResponse): string {
  return r.status === 0 ? `no answer (${r.error ?? "error"})` : `${r.status} "${r.body.slice(0, 40)}"`;
}

/** The last request must have reached the origin: `count` origin requests, the last answer fresh from it. */
export function notReused(t: Trace, count = t.res.length): Verdict {
  const last = res(t, t.res.length - 1);
  if (t.origin.length < count) return fail(`expected ${count} origin requests, saw ${t.origin.length}: a stored answer was reused`);
  if (last.status === 0) return fail(`the last request got ${describe(last)}`);
  if (last.body !== answer(count)) return fail(`expected the last answer to be "${answer(count)}", got ${describe(last)}`);
  return pass(`${t.origin.length} origin requests; not reused`);
}

/** Every request after the first was answered from the store: one origin request, the same body. */
export function reused(t: Trace): Verdict {
  if (t.origin.length !== 1) return fail(`expected 1 origin request, saw ${t.origin.length}`);
  const bad = t.res.find((r) => r.body !== answer(1) || r.status !== res(t, 0).status);
  if (bad) return fail(`expected every answer to be ${res(t, 0).status} "${answer(1)}", got ${describe(bad)}`);
  return pass(`1 origin request for ${t.res.length} client requests`);
}

/** True when answer i came from the store (no origin request since answer i-1). */
export function wasHit(t: Trace, i: number): boolean {
  return i > 0 && res(t, i).originCount === res(t, i - 1).originCount && res(t, i).status !== 0;
}

export function header(r: ClientResponse, name: string): string | undefined {
  const v = r.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(", ") : v;
}
