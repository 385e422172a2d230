// For tests: a Redis Cluster of three masters on loopback, children of the test process (real
// redis-server in cluster mode, no persistence, its node files in a temporary directory), made with
// `redis-cli --cluster create` and ready when every node says cluster_state:ok. Stopped by stop(),
// and killed when the process exits or is told to stop, so no node outlives its test.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TRedisClusterTarget } from "@tta/domain";
import { Cluster, Redis } from "ioredis";

const run = promisify(execFile);

export interface TestRedisCluster {
  /** The seed nodes, as the gateway's `redisCluster` option takes them. */
  target: TRedisClusterTarget;
  /** The same as REDIS_CLUSTER_NODES would list them. */
  nodesEnv: string;
  ports: number[];
  /** A cluster client of the test's own (the test closes it). */
  client(): Cluster;
  /** A plain connection to one node (CLUSTER commands, what that node holds). */
  node(port: number): Redis;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
const dirs = new Set<string>();
let hooked = false;
function killAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const child of live) child.kill("SIGKILL");
    live.clear();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs.clear();
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal); // the default action now that this listener is gone
    });
  }
}

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

/** A port for a node, with its cluster bus port (port + 10000) free too, both below 32768. */
async function nodePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 12_000 + Math.floor(Math.random() * 10_700); // bus port at most 32,699
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await canListen(port)) && (await canListen(port + 10_000))) return port;
  }
}

function startNode(port: number, dir: string): Promise<ChildProcess | null> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", join(dir, `nodes-${port}.conf`), "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  live.add(child);
  child.once("exit", () => live.delete(child));
  return new Promise((resolve) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 10_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += String(d);
      if (/Ready to accept connections/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.resume();
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(null); // e.g. the port was taken in between: the caller tries another
    });
  });
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > until) throw new Error(`redis cluster: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startRedisCluster(masters = 3): Promise<TestRedisCluster> {
  killAllOnExit();
  const dir = mkdtempSync(join(tmpdir(), "tta-redis-cluster-"));
  dirs.add(dir);
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const opened: Array<Redis | Cluster> = [];
  const stop = async () => {
    for (const c of opened) c.disconnect();
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGKILL");
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  };
  try {
    const taken = new Set<number>();
    for (let attempts = 0; ports.length < masters; attempts++) {
      if (attempts > 20) throw new Error("redis cluster: no node would start (is redis-server installed?)");
      const port = await nodePort(taken);
      const child = await startNode(port, dir);
      if (!child) continue;
      children.push(child);
      ports.push(port);
      taken.add(port).add(port + 10_000);
    }
    await run("redis-cli", ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "0", "--cluster-yes"], { timeout: 30_000 });
    const probes = ports.map((port) => new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 1 }));
    try {
      await waitUntil(
        "cluster_state:ok on every node",
        async () => {
          const infos = await Promise.all(probes.map((p) => p.cluster("INFO") as Promise<string>));
          return infos.every((info) => /cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info) && new RegExp(`cluster_known_nodes:${masters}\\b`).test(info));
        },
        30_000,
      );
    } finally {
      for (const p of probes) p.disconnect();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const target: TRedisClusterTarget = { nodes: ports.map((port) => ({ host: "127.0.0.1", port })), tls: false };
  return {
    target,
    nodesEnv: ports.map((p) => `127.0.0.1:${p}`).join(","),
    ports,
    client() {
      const c = new Cluster(target.nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
      opened.push(c);
      return c;
    },
    node(port) {
      const c = new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: 1 });
      opened.push(c);
      return c;
    },
    stop,
  };
}

/** Every key under `pattern` on every master (SCAN per node). */
export async function clusterKeys(cluster: Cluster, pattern: string): Promise<string[]> {
  const out: string[] = [];
  for (const node of cluster.nodes("master")) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", 500);
      cursor = next;
      out.push(...keys);
    } while (cursor !== "0");
  }
  return out;
}

/** Removes every key under `pattern` (one UNLINK per key: keys of several slots). */
export async function clusterDrop(cluster: Cluster, pattern: string): Promise<void> {
  for (const key of await clusterKeys(cluster, pattern)) await cluster.unlink(key);
}
