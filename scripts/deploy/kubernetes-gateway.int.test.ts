// The install order of deploy/kubernetes, played on real Postgres and Redis with the manifests'
// own commands and variables: a gateway started before its database exists stays alive (liveness
// 200) and out of rotation (readiness 503); the migrations Job's command makes the schema; once a
// revision is published the readiness probe turns 200 and /metrics carries the HPA's metric; on
// SIGTERM the gateway exits 0, inside the pod's grace period. What differs from a pod is listed in
// LOCAL (loopback only, free ports, a key prefix of its own); everything else is the manifests'.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "@tta/db";
import { Redis } from "ioredis";
import pg from "pg";
import { publishSnapshot, snapshot, startUpstreams, waitFor } from "../../apps/gateway/src/integration/helpers/fixtures.ts";
import { containerOf, find, imageEnv, loadKustomization, podOf, preStopSeconds, resolve, root } from "./kube-files.ts";

const { objects } = loadKustomization("deploy/kubernetes");
const deployment = find(objects, "Deployment", "tta-gateway");
const gateway = containerOf(deployment, "gateway");
const migrate = containerOf(find(objects, "Job", "tta-migrate"), "migrate");

const server = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const database = new URL(server);
database.pathname = `/tta_k8s_${randomBytes(5).toString("hex")}`;
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:k8s:${randomBytes(4).toString("hex")}:`;
const secrets: Record<string, string> = {
  DATABASE_URL: database.toString(),
  REDIS_URL,
  GATEWAY_ADMIN_TOKEN: randomBytes(24).toString("base64url"),
  GATEWAY_REGISTRATION_TOKEN: randomBytes(24).toString("base64url"),
};
/** Where this machine is not a pod: loopback only (other people's ports), free ports, its own Redis keys. */
const LOCAL = { GATEWAY_HOST: "127.0.0.1", GATEWAY_PORT: "0", GATEWAY_ADMIN_PORT: "0", REDIS_KEY_PREFIX: prefix };
const envOf = (container: typeof gateway) => ({
  ...imageEnv(),
  ...resolve(container, objects, { secret: (_name, key) => secrets[key], field: (path) => (path === "status.podIP" ? "127.0.0.1" : "tta-gateway-k8s-int") }),
  ...LOCAL,
});

/** Runs a container's command from the image's WORKDIR (the repository) with that environment only. */
function run(container: typeof gateway): ChildProcess {
  const [command, ...args] = container.command!;
  assert.equal(command, "node");
  return spawn(process.execPath, args, { cwd: root, env: envOf(container), stdio: ["ignore", "pipe", "pipe"] });
}

describe("deploy/kubernetes: a gateway pod through migration, publish and termination", () => {
  let child: ChildProcess;
  let stdout = "";
  let stderr = "";
  let adminUrl: string;
  let proxyUrl: string;
  let db: Db | undefined;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>> = [];
  const get = async (path: string) => {
    const res = await fetch(adminUrl + path);
    return { status: res.status, text: await res.text() };
  };

  before(async () => {
    child = run(gateway);
    child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    const line = await waitFor("the start line", async () => /proxy (\S+)\s+admin (\S+)/.exec(stdout) ?? (child.exitCode !== null && assert.fail(`exited ${child.exitCode}: ${stderr}`)), 60_000, 100);
    proxyUrl = line[1]!;
    adminUrl = line[2]!;
  });

  after(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await Promise.all(upstreams.map((u) => u.close()));
    await db?.$disconnect();
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`drop database if exists "${database.pathname.slice(1)}" with (force)`).finally(() => admin.end());
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  test("before the migrations: alive for the liveness and startup probes, not ready for the readiness probe", async () => {
    assert.equal((await get(gateway.livenessProbe!.httpGet!.path)).status, 200);
    assert.equal((await get(gateway.startupProbe!.httpGet!.path)).status, 200);
    const ready = await get(gateway.readinessProbe!.httpGet!.path);
    assert.equal(ready.status, 503);
    assert.equal(JSON.parse(ready.text).status, "not_ready");
  });

  test("the migrations Job's command creates the schema and exits 0", { timeout: 60_000 }, async () => {
    const job = run(migrate);
    let output = "";
    job.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    job.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const [code] = await once(job, "exit");
    assert.equal(code, 0, output);
    assert.match(output, /applied: /);
  });

  test("once a revision is published the readiness probe is 200, the proxy routes, and /metrics has the HPA's metric", { timeout: 60_000 }, async () => {
    upstreams = await startUpstreams("players");
    db = createDb(database.toString());
    await publishSnapshot(db, snapshot({ players: [upstreams[0]!.url] }, [{ name: "players-api", path: "/api/players/*", service: "players" }]));
    // The config poll (CONFIG_POLL_INTERVAL_MS) or the listener's reconnect finds it.
    await waitFor("ready", async () => (await get(gateway.readinessProbe!.httpGet!.path)).status === 200, 45_000, 200);
    assert.equal((await fetch(`${proxyUrl}/api/players/7`)).status, 200);
    const metric = find(objects, "HorizontalPodAutoscaler", "tta-gateway").spec.metrics.find((m: { type: string }) => m.type === "Pods").pods.metric.name as string;
    const metrics = await get(podOf(deployment).annotations["prometheus.io/path"]!);
    assert.match(metrics.text, new RegExp(`^${metric} \\d+$`, "m"));
  });

  test("SIGTERM: exit 0, sooner than the grace period leaves after the preStop sleep", { timeout: 60_000 }, async () => {
    const budgetMs = (podOf(deployment).spec.terminationGracePeriodSeconds! - preStopSeconds(gateway)) * 1000;
    const started = Date.now();
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    assert.equal(code, 0, stderr);
    assert.ok(Date.now() - started < budgetMs, `stopped in ${Date.now() - started} ms`);
  });
});
