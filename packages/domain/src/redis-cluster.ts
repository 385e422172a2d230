// REDIS_CLUSTER_NODES, read by the gateway and the console alike: the seed nodes of a Redis
// Cluster, comma-separated, each `host:port` or a `redis://[user[:password]@]host:port` URL
// (`rediss://` for TLS). The client learns every other node from the seeds. Credentials and TLS
// hold for the whole cluster, so the entries that carry them must agree. Error messages never
// repeat an entry that carries a password.
import { z } from "zod";

export interface TRedisClusterNode {
  host: string;
  port: number;
}

export interface TRedisClusterTarget {
  nodes: TRedisClusterNode[];
  username?: string;
  password?: string;
  tls: boolean;
}

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;

interface Entry {
  node: TRedisClusterNode;
  /** scheme, username and password, when the entry was a URL */
  auth?: { tls: boolean; username: string; password: string };
}

function parseEntry(raw: string): Entry | string {
  const shown = raw.includes("@") ? "an entry with credentials" : `"${raw}"`;
  if (/^rediss?:\/\//i.test(raw)) {
    if (!URL.canParse(raw)) return `${shown} is not a valid redis:// URL`;
    const url = new URL(raw);
    if (!url.port) return `${shown} has no port`;
    if (url.pathname.replace(/^\/+/, "") !== "" || url.search) return `${shown}: a cluster has no database number or options in the URL`;
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    return { node: { host, port: Number(url.port) }, auth: { tls: url.protocol === "rediss:", username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } };
  }
  const match = HOST_PORT.exec(raw);
  if (!match) return `${shown} is neither host:port nor a redis:// URL`;
  const port = Number(match[2]);
  if (port < 1 || port > 65_535) return `${shown} has no valid port`;
  return { node: { host: match[1]!.replace(/^\[(.*)\]$/, "$1"), port } };
}

/** "h1:7000,h2:7001" -> the seeds, with the credentials and TLS of the URL entries. */
export const ZRedisClusterNodes = z.string().transform((value, ctx): TRedisClusterTarget => {
  const raws = value.split(",").map((s) => s.trim()).filter(Boolean);
  const entries: Entry[] = [];
  for (const raw of raws) {
    const entry = parseEntry(raw);
    if (typeof entry === "string") ctx.addIssue({ code: "custom", message: entry });
    else entries.push(entry);
  }
  if (raws.length === 0) ctx.addIssue({ code: "custom", message: "lists no node (host:port, comma-separated)" });
  const auths = entries.flatMap((e) => (e.auth ? [e.auth] : []));
  const distinct = new Set(auths.map((a) => JSON.stringify(a)));
  if (distinct.size > 1) ctx.addIssue({ code: "custom", message: "the entries disagree on the scheme (redis:// or rediss://) or the credentials: one cluster has one of each" });
  const auth = auths[0];
  return {
    nodes: entries.map((e) => e.node),
    ...(auth?.username ? { username: auth.username } : {}),
    ...(auth?.password ? { password: auth.password } : {}),
    tls: auth?.tls ?? false,
  };
});
