// 10 vs 10,000 routes: publish a revision with each generated set, wait until the gateway serves
// its last route, and measure the first and the last route at N connections (medians of N runs).
import { pickGenerator, type LoadSpec } from "./load.ts";
import { measureOnce, summarise, type Point, type Run } from "./measure.ts";
import type { Pinning } from "./processes.ts";
import { publishSnapshot, waitForStatus } from "./revisions.ts";
import { routeSet } from "./routes.ts";
import type { Servers } from "./servers.ts";
import type { Settings } from "./settings.ts";
import { ratio } from "./stats.ts";

export async function routesPhase(s: Settings, servers: Servers, pinning: Pinning, wrk: boolean) {
  const launch = { core: pinning.clientCore };
  const watched = [servers.upstream, servers.gateway];
  const sets: Record<string, { count: number; revision: number; publishToServedMs: number; first: Point; last: Point; firstRoute: string; lastRoute: string }> = {};
  for (const count of s.routeCounts) {
    const set = routeSet(count, servers.urls.upstream);
    const started = Date.now();
    const revision = await publishSnapshot(servers.db, set.snapshot, `benchmark: ${count} generated routes`);
    const lastUrl = `${servers.urls.gatewayBase}${set.last.requestPath}`;
    await waitForStatus(lastUrl, 200, 120_000);
    const publishToServedMs = Date.now() - started;
    console.log(`${count} routes: revision ${revision} served after ${publishToServedMs} ms`);
    const measured: Point[] = [];
    for (const [which, ref] of [["first", set.first], ["last", set.last]] as const) {
      const spec: LoadSpec = { url: `${servers.urls.gatewayBase}${ref.requestPath}`, connections: s.connections, seconds: s.seconds };
      const generator = pickGenerator(spec, s.loadGenerator, wrk);
      await measureOnce({ ...spec, connections: 10, seconds: 2 }, generator, watched, launch); // warm-up
      const runs: Run[] = [];
      for (let r = 0; r < s.repeats; r++) {
        runs.push(await measureOnce(spec, generator, watched, launch));
        console.log(`${count} routes, ${which} route ${ref.name}, run ${r + 1}/${s.repeats}: ${runs.at(-1)!.rps} req/s, p99 ${runs.at(-1)!.p99Ms} ms`);
      }
      measured.push(summarise(`routes${count}@${which}`, `${count} routes, ${which} route (${ref.path})`, spec, generator, runs));
    }
    sets[String(count)] = { count, revision, publishToServedMs, first: measured[0]!, last: measured[1]!, firstRoute: `${set.first.name} ${set.first.path}`, lastRoute: `${set.last.name} ${set.last.path}` };
  }
  const [small, large] = s.routeCounts.map((c) => sets[String(c)]!);
  return {
    order: "even i: literal /api/svc-i/items/all, odd i: parameter /api/svc-i/items/:id; precedence = literals then parameters, by name; first = r00000 (literal), last = the highest odd i (parameter)",
    sets,
    ratios: {
      firstThroughput: ratio(large!.first.median.rps, small!.first.median.rps),
      lastThroughput: ratio(large!.last.median.rps, small!.last.median.rps),
      firstP99: ratio(large!.first.median.p99Ms, small!.first.median.p99Ms),
      lastP99: ratio(large!.last.median.p99Ms, small!.last.median.p99Ms),
    },
  };
}
