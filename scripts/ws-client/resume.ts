// The pure half of scripts/ws-client.ts: its arguments, the URL it connects to, where a session can
// be resumed from (the last `session` frame's resumeToken, the last offset seen) and the command that does it.
import { parseArgs } from "node:util";

export interface ClientArgs {
  url: string;
  token: string | null;
  resume: string | null;
  offset: string | null;
}

export interface ResumePoint {
  resumeToken: string | null;
  offset: string | null;
}

export const USAGE = "usage: node --import tsx scripts/ws-client.ts <ws-url> [--token <jwt>] [--resume <token> [--offset <offset>]]";

export function parseClientArgs(argv: string[]): ClientArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { token: { type: "string" }, resume: { type: "string" }, offset: { type: "string" } },
  });
  const [url, ...extra] = positionals;
  if (!url || extra.length) throw new Error(USAGE);
  if (!/^wss?:\/\//.test(url)) throw new Error(`${url}: a ws:// or wss:// URL`);
  if (values.offset !== undefined && values.resume === undefined) throw new Error("--offset needs --resume");
  return { url, token: values.token ?? null, resume: values.resume ?? null, offset: values.offset ?? null };
}

/** The URL without any resume parameters of its own, then with the ones asked for. */
export function connectUrl(args: Pick<ClientArgs, "url" | "resume" | "offset">): string {
  const url = new URL(args.url);
  url.searchParams.delete("resume");
  url.searchParams.delete("offset");
  if (args.resume !== null) url.searchParams.set("resume", args.resume);
  if (args.offset !== null) url.searchParams.set("offset", args.offset);
  return url.toString();
}

/** The resume point after one frame from the gateway (any JSON value; non-envelopes change nothing). */
export function track(point: ResumePoint, frame: unknown): ResumePoint {
  if (!frame || typeof frame !== "object") return point;
  const { type, resumeToken, offset } = frame as Record<string, unknown>;
  return {
    resumeToken: type === "session" && typeof resumeToken === "string" ? resumeToken : point.resumeToken,
    offset: typeof offset === "string" ? offset : point.offset,
  };
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/** The command that resumes the session, or null when no session frame came. */
export function resumeCommand(args: Pick<ClientArgs, "url" | "token">, point: ResumePoint): string | null {
  if (point.resumeToken === null) return null;
  const parts = ["node", "--import", "tsx", "scripts/ws-client.ts", connectUrl({ url: args.url, resume: null, offset: null })];
  if (args.token !== null) parts.push("--token", args.token);
  parts.push("--resume", point.resumeToken);
  if (point.offset !== null) parts.push("--offset", point.offset);
  return parts.map(quote).join(" ");
}
