// How a dependency outage is logged: an expected connection failure (refused, reset, timed out,
// terminated by the server…) is one line with its code and message; its stack says nothing an
// operator can use. Anything else keeps the whole error, stack included: that one may be a bug.
const SYSTEM_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
// pg: SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now).
const PG_CONNECTION_STATE = /^(?:08[0-9A-Z]{3}|57P0[1-3])$/;
const CONNECTION_MESSAGE = /connection (?:terminated|ended|is closed|closed)|connect(?:ion)? timeout|timeout exceeded when trying to connect|client has encountered a connection error|stream isn't writeable|command timed out/i;

export interface ErrorSummary {
  code?: string;
  message: string;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Node's AggregateError (localhost tried over IPv6 and IPv4) carries the codes in `errors`. */
function firstCode(error: unknown): string | undefined {
  return codeOf(error) ?? ((error as { errors?: unknown[] } | null)?.errors ?? []).map(codeOf).find(Boolean);
}

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = firstCode(error);
  if (code && (SYSTEM_CODES.has(code) || PG_CONNECTION_STATE.test(code))) return true;
  return CONNECTION_MESSAGE.test(error.message);
}

/** For a log line's `err`: `{ code, message }` for an expected connection failure, else the error itself. */
export function outageError(error: unknown): ErrorSummary | unknown {
  if (!isConnectionError(error)) return error;
  const err = error as Error;
  const code = firstCode(err);
  const message = err.message || (err as { errors?: Error[] }).errors?.map((e) => e.message).join("; ") || String(code);
  return code ? { code, message } : { message };
}
