// `npm run bench`: the gateway against bare http-proxy-middleware and a direct connection, in one
// run, with an external load generator: CPU per request per process, throughput and latency at N
// connections and at a fixed rate, 10 vs 10,000 routes, and 10,000 held keep-alive connections.
// Loopback only; every run bounded (BENCH_SECONDS, BENCH_REPEATS; see bench/lib/settings.ts).
import { cpus, loadavg } from "node:os";
import { clockTicks } from "./lib/cpu.ts";
import { autocannonVersion, wrkVersion } from "./lib/load.ts";
import { connectionsPhase } from "./lib/phase-connections.ts";
import { proxyPhase } from "./lib/phase-proxies.ts";
import { routesPhase } from "./lib/phase-routes.ts";
import { detectPinning, pinSelf } from "./lib/processes.ts";
import { writeResult } from "./lib/results.ts";
import { startServers } from "./lib/servers.ts";
import { isSmoke, readSettings } from "./lib/settings.ts";

const settings = readSettings();
const pinning = detectPinning();
pinSelf(pinning.clientCore);
const wrk = wrkVersion();
const startedAt = new Date().toISOString();
const loadAtStart = loadavg();
console.log(`bench: ${settings.seconds} s x ${settings.repeats} per point; ${pinning.note}; load generator ${wrk && settings.loadGenerator !== "autocannon" ? `wrk ${wrk}` : `autocannon ${autocannonVersion()}`} (fixed rate: autocannon)`);

// Bounded as a whole too: a hung phase must not keep the machine busy.
const budgetMs = (settings.seconds + 6) * settings.repeats * 16 * 1000 + 300_000;
setTimeout(() => {
  console.error(`bench: over its ${Math.round(budgetMs / 1000)} s budget, stopping`);
  process.exit(1);
}, budgetMs).unref();

const servers = await startServers(settings, pinning);
async function measureAll() {
  const proxies = await proxyPhase(settings, servers, pinning, wrk !== null);
  const connections = settings.heldConnections > 0 ? await connectionsPhase(settings, servers, pinning, wrk !== null) : null;
  const routes = await routesPhase(settings, servers, pinning, wrk !== null); // last: it replaces the edge routes
  return {
    kind: isSmoke(settings) ? "smoke" : "measurement",
    startedAt,
    finishedAt: new Date().toISOString(),
    settings: { ...settings, redisPrefix: undefined },
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      loadAverage: { atStart: loadAtStart.map((v) => +v.toFixed(2)), atEnd: loadavg().map((v) => +v.toFixed(2)) },
      procClockTicksPerSecond: clockTicks(),
    },
    pinning,
    loadGenerators: {
      connections: wrk && settings.loadGenerator !== "autocannon" ? `wrk ${wrk} (1 thread)` : `autocannon ${autocannonVersion()} CLI`,
      fixedRate: `autocannon ${autocannonVersion()} CLI --overallRate (latency in whole ms, corrected for coordinated omission)${wrk ? "; the installed wrk has no constant-rate mode" : ""}`,
    },
    method: "CPU µs per request = (utime + stime) delta of each process from /proc/<pid>/stat over the run, divided by the requests the load generator completed; medians of the repeats; runs of the four targets interleaved",
    proxies: proxies.points,
    ratios: proxies.ratios,
    connections,
    routes,
  };
}
const result = await measureAll().finally(() => servers.close());
console.log(`results: ${writeResult(result)}`);
console.log(JSON.stringify({ ratios: result.ratios, routes: result.routes.ratios, connections: result.connections && { opened: result.connections.opened, aliveAtEnd: result.connections.aliveAtEnd, rss: result.connections.gatewayRssMiB } }, null, 2));
process.exit(0);
