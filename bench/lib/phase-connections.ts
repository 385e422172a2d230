// Idle keep-alive client connections held against the gateway by a separate client process (its
// own open-files limit, on the client core), while the load generator still sends requests through
// a public route; the gateway's RSS before, while held, and per held connection.
import { hardNofile, startNodeScript, waitForLine, type Pinning } from "./processes.ts";
import { memory } from "./cpu.ts";
import { pickGenerator, type LoadSpec } from "./load.ts";
import { measureOnce, summarise, type Run } from "./measure.ts";
import type { Servers } from "./servers.ts";
import type { Settings } from "./settings.ts";
import { round } from "./stats.ts";

const MiB = 1024 * 1024;

export async function connectionsPhase(s: Settings, servers: Servers, pinning: Pinning, wrk: boolean) {
  const clientNofile = hardNofile();
  const rssBefore = memory(servers.gateway.pid);
  const started = Date.now();
  const { proc: client, line } = await startNodeScript("held connections", "bench/hold-connections.ts", [servers.urls.gatewayPublic, String(s.heldConnections)], {
    launch: { core: pinning.clientCore, nofile: clientNofile },
    ready: /^opened \d+/,
    stdin: true,
  }).catch((error: unknown) => {
    throw new Error("the connection client did not start", { cause: error });
  });
  try {
    const [, opened, failed, firstError] = /^opened (\d+) failed (\d+) ?(.*)$/.exec(line)!;
    const openMs = Date.now() - started;
    const rssHeld = memory(servers.gateway.pid);
    console.log(`held connections: ${opened} open (${failed} failed${firstError ? `: ${firstError}` : ""}) in ${openMs} ms; gateway RSS ${round(rssHeld.rss / MiB, 1)} MiB`);

    const spec: LoadSpec = { url: servers.urls.gatewayPublic, connections: s.connections, seconds: s.seconds };
    const generator = pickGenerator(spec, s.loadGenerator, wrk);
    const runs: Run[] = [];
    for (let r = 0; r < s.repeats; r++) {
      runs.push(await measureOnce(spec, generator, [servers.upstream, servers.gateway], { core: pinning.clientCore }));
      console.log(`while held, run ${r + 1}/${s.repeats}: ${runs.at(-1)!.rps} req/s, p99 ${runs.at(-1)!.p99Ms} ms, ${runs.at(-1)!.errors} errors`);
    }
    const rssAfterLoad = memory(servers.gateway.pid);
    client.child.stdin!.write("check\n");
    const check = await waitForLine(client, /^alive \d+/, 120_000);
    const [, alive] = /^alive (\d+)/.exec(check)!;
    const heldMs = Date.now() - started;
    const n = Number(opened);
    return {
      requested: s.heldConnections,
      opened: n,
      failed: Number(failed),
      firstError: firstError || null,
      aliveAtEnd: Number(alive),
      openMs,
      heldMs,
      openFilesLimit: { gateway: servers.gatewayNofile, client: clientNofile },
      gatewayRssMiB: { before: round(rssBefore.rss / MiB, 1), held: round(rssHeld.rss / MiB, 1), heldUnderLoad: round(rssAfterLoad.rss / MiB, 1), peak: round(rssAfterLoad.peak / MiB, 1) },
      rssKiBPerConnection: n > 0 ? round((rssHeld.rss - rssBefore.rss) / 1024 / n, 2) : null,
      whileHeld: summarise("held@conn", `gateway public route while ${n} connections are held, ${s.connections} connections`, spec, generator, runs),
    };
  } finally {
    await client.stop(5_000);
  }
}
