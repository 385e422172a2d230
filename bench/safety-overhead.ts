// `node --import tsx bench/safety-overhead.ts`: what therapeutic safety costs through a real
// gateway. One gateway process, one upstream, one Postgres database, in the same run, each pair
// "before" (a route that does not scan or mask) and "after" (the same traffic on a route that
// does): POST of a calm 180-character message and of a 3.9 KiB JSON chat body (27 turns) to an
// enforcing route; GET of the upstream's 216-byte JSON through a route that masks PII in answers;
// then crisis messages answered 202 by the gateway while their events are written to Postgres
// (and the check that every 202 has its event). At 50 connections; the gateway's CPU time per
// request from /proc. Loopback only, bounded (BENCH_SECONDS per run, default 8).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { newId, ZSnapshot } from "@tta/domain";
import { publish, restoreWorkingTables, SYSTEM_ACTOR } from "@tta/db";
import { createTestDatabase } from "@tta/db/testing";
import { run, startNode, type RunResult } from "./harness.ts";

const root = resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const gatewayPort = 18590;
const adminPort = 18591;

const calm = "I went down to the lake with Wren and we talked about the lighthouse keeper. I'm tired but okay, the quest was long and the innkeeper gave us bread. Tomorrow we try the north road.";
const crisis = "honestly i just want to die, i've felt like this for weeks and nobody would notice if i was gone. i'm going to end it all tonight, i have the pills ready.";
const turns = [calm, "Can my character pick the lock on the chest, or do I need the rogue?", "I feel a bit lonely since I moved here but the game helps.", "talk to the innkeeper about the missing map", "the goblin took my last potion"];
const small = JSON.stringify({ sessionId: "ses_01hzy3k8q2w5e7r9t0y2u4i6o8", message: calm });
const chat = JSON.stringify({
  sessionId: "ses_01hzy3k8q2w5e7r9t0y2u4i6o8",
  playerId: "ply_01hzy3k8q2w5e7r9t0y2u4i6o9",
  scene: { id: "lighthouse-3", mood: "calm", flags: { metWren: true, hasLantern: false }, inventory: ["rope", "bread", "old map"] },
  messages: Array.from({ length: 27 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", at: `2026-11-27T10:${String(i).padStart(2, "0")}:00Z`, content: turns[i % turns.length] })),
});
const crisisBody = JSON.stringify({ sessionId: "ses_01hzy3k8q2w5e7r9t0y2u4i6o8", message: crisis });

const upstream = await startNode("bench/upstream.ts", ["0"], {}, /^listening \d+/);
const upstreamUrl = `http://127.0.0.1:${upstream.line.split(" ")[1]}`;
const db = await createTestDatabase("benchsafety");
const route = (name: string, extra: object = {}) => ({ id: newId("route"), name, path: `/${name}/*`, rewrite: "/*", service: "bench", retryPolicy: { attempts: 1 }, ...extra });
await db.db.$transaction((tx) =>
  restoreWorkingTables(
    tx,
    ZSnapshot.parse({
      schemaVersion: 1,
      services: [{ name: "bench", healthCheck: { enabled: false }, instances: [{ url: upstreamUrl }] }],
      routes: [
        route("plain"),
        route("scan", { safetyScan: "enforce", blockedCategories: ["harassment_hate", "violent_threat"] }),
        route("mask", { maskResponsePii: true }),
      ],
    }),
  ),
);
await publish(db.db, { actor: SYSTEM_ACTOR, message: "safety benchmark routes", correlationId: newId("request") });
const gateway = await startNode("apps/gateway/src/main.ts", [], {
  DATABASE_URL: db.url,
  GATEWAY_PORT: String(gatewayPort),
  GATEWAY_ADMIN_PORT: String(adminPort),
  LOG_LEVEL: "warn",
  REDIS_URL: "",
}, /proxy http:\/\/127\.0\.0\.1:\d+/);

/** The gateway process's user + system CPU time, in µs (from /proc, clock ticks of 10 ms). */
function gatewayCpuUs(): number {
  const fields = readFileSync(`/proc/${gateway.proc.child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
}

interface Row extends RunResult {
  cpuUsPerRequest: number;
}
async function measured(label: string, path: string, opts: { method?: string; body?: string } = {}): Promise<Row> {
  const before = gatewayCpuUs();
  const result = await run(label, `http://127.0.0.1:${gatewayPort}${path}`, { connections: 50, seconds, ...opts });
  return { ...result, cpuUsPerRequest: Math.round((gatewayCpuUs() - before) / Math.max(1, result.total)) };
}

const post = (body: string) => ({ method: "POST", body });
const rows: Row[] = [];
let events = { answered: 0, written: 0, dropped: 0, retried: 0 };
try {
  for (const path of ["/plain/m", "/scan/m"]) await run("warm-up", `http://127.0.0.1:${gatewayPort}${path}`, { connections: 10, seconds: 2, ...post(chat) });
  await run("warm-up", `http://127.0.0.1:${gatewayPort}/mask/hello`, { connections: 10, seconds: 1 });
  rows.push(await measured("POST 180-char message, route without scan", "/plain/m", post(small)));
  rows.push(await measured("POST 180-char message, scanning route (enforce)", "/scan/m", post(small)));
  rows.push(await measured("POST 3.9 KiB chat JSON, route without scan", "/plain/m", post(chat)));
  rows.push(await measured("POST 3.9 KiB chat JSON, scanning route (enforce)", "/scan/m", post(chat)));
  rows.push(await measured("GET 216-byte JSON answer, route without masking", "/plain/hello"));
  rows.push(await measured("GET 216-byte JSON answer, masking route", "/mask/hello"));
  const before = await db.db.therapeuticEvent.count();
  const crisisRun = await measured("POST crisis message: 202 + event written", "/scan/m", post(crisisBody));
  rows.push(crisisRun);
  // Every 202 must have its event (queued, then written in batches): wait for the writer.
  const answered = crisisRun.total - crisisRun.non2xx;
  const until = Date.now() + 60_000;
  let written = 0;
  while (Date.now() < until && (written = (await db.db.therapeuticEvent.count()) - before) < answered) await new Promise((r) => setTimeout(r, 200));
  const metrics = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
  const counter = (result: string) => Number(new RegExp(`tta_gateway_safety_events_total\\{result="${result}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
  events = { answered, written, dropped: counter("dropped"), retried: counter("retried") };
} finally {
  await gateway.proc.stop();
  await upstream.proc.stop();
  await db.drop();
}

const pair = (a: Row, b: Row) => ({
  cpuUsPerRequest: { before: a.cpuUsPerRequest, after: b.cpuUsPerRequest, added: b.cpuUsPerRequest - a.cpuUsPerRequest },
  requestsPerSec: { before: a.requestsPerSec, after: b.requestsPerSec, ratio: +(b.requestsPerSec / a.requestsPerSec).toFixed(2) },
  p99Ms: { before: a.p99, after: b.p99 },
});
const [plainSmall, scanSmall, plainChat, scanChat, plainGet, maskGet, crisisRow] = rows;
const summary = {
  scanSmallMessage: pair(plainSmall!, scanSmall!),
  scanChatBody: pair(plainChat!, scanChat!),
  maskAnswer: pair(plainGet!, maskGet!),
  crisis: { requestsPerSec: crisisRow!.requestsPerSec, cpuUsPerRequest: crisisRow!.cpuUsPerRequest, ...events },
};
const head = "| run | req/s | p50 ms | p99 ms | gateway CPU µs/req | errors | non-2xx |\n|---|---:|---:|---:|---:|---:|---:|";
console.log(`\n${head}\n${rows.map((r) => `| ${r.label} | ${r.requestsPerSec} | ${r.p50} | ${r.p99} | ${r.cpuUsPerRequest} | ${r.errors} | ${r.non2xx} |`).join("\n")}\n`);
console.log(JSON.stringify(summary, null, 2));
const out = join(root, "bench/results");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `safety-overhead-${Date.now()}.json`), JSON.stringify({ seconds, rows, summary }, null, 2));
