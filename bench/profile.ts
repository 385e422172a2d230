// `node --import tsx bench/profile.ts [label]`: a CPU profile of the gateway under load, summarised
// (bench/lib/cpu-profile.ts) into bench/profiles/<date>-<label>.md: the public route, then the JWT
// + Redis limiter route, each BENCH_SECONDS under the external load generator on the other core.
// Loopback only, bounded; the profile adds its own overhead, so compare summaries, not req/s.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { profileMarkdown, summariseProfile } from "./lib/cpu-profile.ts";
import { pickGenerator, runLoad, wrkVersion } from "./lib/load.ts";
import { detectPinning, pinSelf } from "./lib/processes.ts";
import { startServers } from "./lib/servers.ts";
import { readSettings } from "./lib/settings.ts";

const label = process.argv[2] ?? "gateway";
const settings = readSettings();
const pinning = detectPinning();
pinSelf(pinning.clientCore);
const dir = resolve(import.meta.dirname, "results/cpu-profiles", `${Date.now()}`);
mkdirSync(dir, { recursive: true });
setTimeout(() => (console.error("profile: over its budget, stopping"), process.exit(1)), (settings.seconds * 2 + 120) * 1000).unref();

// Every child of this run writes a profile; only the gateway's (by pid) is read.
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${dir}`.trim();
const servers = await startServers(settings, pinning);
delete process.env.NODE_OPTIONS;
const generator = pickGenerator({}, settings.loadGenerator, wrkVersion() !== null);
const launch = { core: pinning.clientCore };
const requests = { gateway: 0, bare: 0 };
try {
  for (const [who, url, headers] of [["gateway", servers.urls.gatewayPublic, {}], ["gateway", servers.urls.gatewayEdge, servers.auth], ["bare", servers.urls.bare, {}]] as const) {
    const run = await runLoad({ url, connections: settings.connections, seconds: settings.seconds, headers }, generator, launch);
    requests[who] += run.requests;
    console.log(`profile: ${url} ${run.rps.toFixed(0)} req/s under the profiler`);
  }
} finally {
  await servers.close();
}
const summaryOf = (pid: number) => {
  const file = readdirSync(dir).find((f) => f.includes(`.${pid}.`));
  if (!file) throw new Error(`no profile of pid ${pid} in ${dir}`);
  return summariseProfile(join(dir, file));
};
const out = resolve(import.meta.dirname, "profiles", `${new Date().toISOString().slice(0, 10)}-${label}.md`);
mkdirSync(resolve(import.meta.dirname, "profiles"), { recursive: true });
writeFileSync(
  out,
  `# Gateway CPU profile: ${label}\n\n` +
    profileMarkdown(`gateway: public route + JWT/limiter route, ${settings.connections} connections, ${settings.seconds} s each (${generator})`, summaryOf(servers.gateway.pid), requests.gateway) +
    "\n" +
    profileMarkdown(`bare http-proxy-middleware, same run, ${settings.seconds} s`, summaryOf(servers.bare.pid), requests.bare),
);
if (!process.env.BENCH_KEEP_PROFILE) rmSync(dir, { recursive: true, force: true });
console.log(`profile: ${out}`);
