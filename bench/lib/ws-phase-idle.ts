// Idle WebSocket connections held by a separate client process (its own open-files limit, on the
// client core), first through the bare ws relay, then through gateway A: RSS before, while held and
// after the clients closed, RSS per connection, every connection's echo, and a few plain HTTP GETs
// through the gateway while its connections are held. Each connection costs the proxy two sockets.
import { cpuUs, memory } from "./cpu.ts";
import { hardNofile, spawnProc, waitForLine, type Pinning, type Proc } from "./processes.ts";
import { round } from "./stats.ts";
import { echoOpen, httpProbe, metricLines, sleep } from "./ws-probe.ts";
import type { WsServers } from "./ws-servers.ts";
import type { WsBenchSettings } from "./ws-settings.ts";

const MiB = 1024 * 1024;
/** File descriptors a proxy keeps for itself (listeners, Redis, Postgres, node's own). */
const RESERVED_FDS = 256;

async function hold<T>(name: string, url: string, count: number, server: Proc, launch: { core: number | null; nofile: number }, whileHeld?: () => Promise<T>) {
  const rssBefore = memory(server.pid).rss;
  const cpuBefore = cpuUs(server.pid);
  const started = Date.now();
  const client = spawnProc(`${name} holder`, process.execPath, ["--import", "tsx", "bench/ws-hold.ts", url, String(count)], { launch, stdin: true });
  try {
    const opened = /^opened (\d+) failed (\d+) ?(.*)$/.exec(await waitForLine(client, /^opened \d+/, 300_000))!;
    const openMs = Date.now() - started;
    const cpuToOpenMs = (cpuUs(server.pid) - cpuBefore) / 1000;
    await sleep(2_000); // let the last sessions settle
    const rssHeld = memory(server.pid).rss;
    const during: T | null = whileHeld ? await whileHeld() : null;
    client.child.stdin!.write("check\n");
    const check = /^alive (\d+) closed (\d+) codes (.*)$/.exec(await waitForLine(client, /^alive \d+/, 180_000))!;
    const rssAfterEcho = memory(server.pid);
    client.child.stdin!.write("close\n");
    await waitForLine(client, /^closed \d+/, 60_000);
    await client.exited;
    await sleep(3_000);
    const n = Number(opened[1]);
    console.log(`${name}: ${n} idle connections open in ${openMs} ms (${opened[2]} failed), RSS ${round(rssBefore / MiB, 1)} → ${round(rssHeld / MiB, 1)} MiB, ${check[1]} echoed`);
    return {
      opened: n,
      failed: Number(opened[2]),
      firstError: opened[3] || null,
      openMs,
      cpuToOpenMs: round(cpuToOpenMs),
      echoedWhileHeld: Number(check[1]),
      closedWhileHeld: Number(check[2]),
      closeCodesSeenByClients: JSON.parse(check[3]!) as Record<string, number>,
      rssMiB: { before: round(rssBefore / MiB, 1), held: round(rssHeld / MiB, 1), afterEchoEach: round(rssAfterEcho.rss / MiB, 1), peak: round(rssAfterEcho.peak / MiB, 1), threeSecondsAfterClose: round(memory(server.pid).rss / MiB, 1) },
      rssKiBPerConnection: n > 0 ? round((rssHeld - rssBefore) / 1024 / n, 1) : null,
      during,
    };
  } finally {
    await client.stop(5_000);
  }
}

export async function idlePhase(s: WsBenchSettings, servers: WsServers, pinning: Pinning) {
  const limit = Math.min(servers.nofile, hardNofile());
  const cap = Math.floor((limit - RESERVED_FDS) / 2);
  const count = Math.min(s.idleConnections, cap);
  if (count < s.idleConnections) console.log(`idle connections: ${count} instead of ${s.idleConnections} (open-files limit ${limit}, two sockets per connection, ${RESERVED_FDS} kept)`);
  const launch = { core: pinning.clientCore, nofile: limit };
  const httpUrl = `${servers.a.base}/plain/hello`;
  const httpBefore = await httpProbe(httpUrl, 30);
  const relay = await hold("bare ws relay", `${servers.urls.relayWs}/echo`, count, servers.relay, launch);
  const echoLegsAfterRelay = await echoOpen(servers.urls.echoHttp);
  const gateway = await hold("gateway", `${servers.a.ws}/wsplain/echo`, count, servers.a.proc, launch, async () => ({
    http: await httpProbe(httpUrl, 30),
    echoLegsOpen: await echoOpen(servers.urls.echoHttp),
  }));
  return {
    requested: s.idleConnections,
    held: count,
    cap: { openFilesLimit: limit, socketsPerConnection: 2, reservedFds: RESERVED_FDS, maxConnections: cap, capped: count < s.idleConnections },
    relay: { ...relay, echoLegsOpenAfterClose: echoLegsAfterRelay },
    gateway: {
      ...gateway,
      echoLegsOpenAfterClose: await echoOpen(servers.urls.echoHttp),
      openConnectionsMetricAfterClose: await metricLines(servers.a.admin, "tta_gateway_ws_open_connections"),
      closesMetric: await metricLines(servers.a.admin, "tta_gateway_ws_closes_total"),
    },
    httpBeforeHolding: httpBefore,
    targetRssKiBPerConnection: 20,
    targetMet: gateway.rssKiBPerConnection !== null && gateway.rssKiBPerConnection <= 20,
  };
}
