// `npm run bench:ws`: the gateway's WebSocket manager against a bare `ws` relay and a direct
// connection, in one run: RSS per idle connection (as many as the open-files limit allows, up to
// BENCH_WS_CONNECTIONS) with plain HTTP still answered, latency at a fixed message rate on routes
// without and with scanning, and room fan-out across two gateways on one Redis. Load processes on
// the client core, servers on the other; loopback only; every run and the whole bounded in time.
// Settings: bench/lib/ws-settings.ts. Results: bench/results/ws-latest.json and a dated copy.
import { cpus, loadavg } from "node:os";
import { detectPinning, pinSelf } from "./lib/processes.ts";
import { writeResult } from "./lib/results.ts";
import { idlePhase } from "./lib/ws-phase-idle.ts";
import { ratePhase } from "./lib/ws-phase-rate.ts";
import { roomPhase } from "./lib/ws-phase-room.ts";
import { startWsServers, type WsServers } from "./lib/ws-servers.ts";
import { isWsSmoke, readWsSettings } from "./lib/ws-settings.ts";
import { wsTable } from "./lib/ws-table.ts";

const settings = readWsSettings();
const pinning = detectPinning();
pinSelf(pinning.clientCore);
const startedAt = new Date().toISOString();
const loadAtStart = loadavg();
const load = (l: number[]) => l.map((v) => +v.toFixed(2));
console.log(`bench:ws: ${settings.seconds} s x ${settings.repeats} per point, ${settings.idleConnections} idle connections asked; ${pinning.note}; load average ${load(loadAtStart).join(" ")}`);

let servers: WsServers | null = null;
async function stopAll(code: number, why: string): Promise<never> {
  console.error(`bench:ws: ${why}, stopping`);
  await Promise.race([servers?.close(), new Promise((r) => setTimeout(r, 30_000))]);
  process.exit(code);
}
// Bounded as a whole too: a hung phase must not keep the machine busy.
const budgetMs = (180 + settings.idleConnections * 0.02 + settings.repeats * (3 * (settings.seconds + 8) + settings.seconds + 20)) * 1000;
setTimeout(() => void stopAll(1, `over its ${Math.round(budgetMs / 1000)} s budget`), budgetMs).unref();
process.once("SIGINT", () => void stopAll(130, "interrupted"));
process.once("SIGTERM", () => void stopAll(143, "terminated"));

async function measureAll(s: WsServers) {
  const idle = await idlePhase(settings, s, pinning);
  const rate = await ratePhase(settings, s, pinning);
  const room = await roomPhase(settings, s, pinning);
  return { idle, rate, room };
}

try {
  servers = await startWsServers(settings, pinning);
  const measured = await measureAll(servers).finally(() => servers!.close());
  const result = {
    kind: isWsSmoke(settings) ? "smoke" : "measurement",
    startedAt,
    finishedAt: new Date().toISOString(),
    settings: { ...settings, redisPrefix: undefined },
    gatewaySettings: { ...servers.gatewayEnv, REDIS: "sessions, frames and rooms in Redis (one key prefix per run, deleted at the end)" },
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", loadAverage: { atStart: load(loadAtStart), atEnd: load(loadavg()) } },
    pinning,
    method:
      "Load processes (bench/ws-hold.ts, ws-rate.ts, ws-room.ts) on the client core, echo upstream, relay and gateways on the server core, Redis and PostgreSQL not pinned. RSS = VmRSS from /proc/<pid>/status; latencies timed in the load process (send → echo; publish POST start → receipt), nearest-rank percentiles over every message, medians of the repeats.",
    ...measured,
  };
  console.log(`results: ${writeResult(result, "ws")}`);
  console.log(wsTable(measured.idle, measured.rate, measured.room));
  process.exit(0);
} catch (error) {
  console.error(error);
  await stopAll(1, "failed");
}
