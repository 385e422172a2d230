// The vocabulary shared by the origin, the cases and the runner: what the origin is told to
// answer, what the client sends, what a case sees afterwards (the trace) and what it concludes.
import type { IncomingHttpHeaders } from "node:http";

export type Level = "must" | "should" | "may";
export const LEVELS: readonly Level[] = ["must", "should", "may"];

export type Topic =
  | "freshness"
  | "storage"
  | "authorization"
  | "set-cookie"
  | "age"
  | "no-cache"
  | "revalidate"
  | "request-directives"
  | "vary"
  | "validation"
  | "stale-while-revalidate"
  | "stale-if-error"
  | "invalidation"
  | "head"
  | "coalescing";

/** One request as the origin received it. `path` is relative to the case's prefix. */
export interface OriginRequest {
  /** 1-based position among the requests this case's origin received. */
  n: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** The client-side URL of this case's prefix (base + /<caseId>/<run>), for absolute Location values. */
  clientPrefix: string;
  /** The status the origin answered with; 0 when it dropped the connection. */
  answered?: number;
}

export type HeaderValue = string | string[] | null;

export interface OriginReply {
  status?: number;
  /** `null` removes a header the origin would otherwise send (e.g. `date: null`); undefined is skipped. */
  headers?: Record<string, HeaderValue | undefined>;
  /** Defaults to `answer <n>`, so a case can tell which origin answer the client got. */
  body?: string;
  delayMs?: number;
  /** Answer 304 (with this reply's headers) when the request's validators match ETag / Last-Modified. */
  validate?: boolean;
  /** Drop the connection without answering: the origin is down. */
  fail?: "close";
}

export type OriginScript = (req: OriginRequest) => OriginReply;

export interface ClientRequest {
  method?: string;
  /** Relative to the case's prefix; defaults to "/r". */
  path?: string;
  /** Sent exactly as given (plus Host and, with a body, Content-Length). */
  headers?: Record<string, string>;
  body?: string;
}

export interface ClientResponse {
  /** 0 when no answer arrived (connection error or timeout); see `error`. */
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  error?: string;
  ms: number;
  /** How many requests this case's origin had received when this answer arrived. */
  originCount: number;
}

export type Step = { req: ClientRequest } | { wait: number } | { parallel: ClientRequest[] };

export interface Trace {
  /** Client answers in step order; a parallel step contributes one per request. */
  res: ClientResponse[];
  origin: OriginRequest[];
}

export type Outcome = "pass" | "fail" | "na" | "measured";

export interface Verdict {
  outcome: Outcome;
  detail: string;
  /** Measured cases only: the figure (e.g. origin requests for N concurrent clients). */
  figure?: number;
}

/**
 * What the case concludes when nothing caches at all: "pass" for cases that forbid reuse,
 * "fail-or-na" for cases that need a stored answer, "measured" for figures. The self-check holds
 * every case to this.
 */
export type WithoutCache = "pass" | "fail-or-na" | "measured";

export interface Case {
  id: string;
  topic: Topic;
  level: Level;
  ref: string;
  title: string;
  withoutCache: WithoutCache;
  origin: OriginScript;
  steps: Step[];
  check(t: Trace): Verdict;
}
