// Room fan-out on two gateways and one Redis: members split over gateways A and B (the echo
// upstream joins each session to the room), broadcasts at a fixed rate through the admin APIs of
// both in turn (bench/ws-room.ts, its own process on the client core); latency publish → receipt
// at every member, medians of the repeated runs.
import type { Pinning } from "./processes.ts";
import { median, round } from "./stats.ts";
import { runJsonScript } from "./ws-probe.ts";
import type { WsServers } from "./ws-servers.ts";
import type { WsBenchSettings } from "./ws-settings.ts";

interface RoomRun {
  members: number;
  membersWarm: number;
  published: number;
  expectedDeliveries: number;
  deliveries: number;
  lost: number;
  fewestPerMember: number;
  publishErrors: number;
  firstPublishError: string | null;
  closes: Record<string, number>;
  publishAnswer: { p50Ms: number | null; p99Ms: number | null };
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export async function roomPhase(s: WsBenchSettings, servers: WsServers, pinning: Pinning) {
  const wsUrls = [servers.a, servers.b].map((g) => `${g.ws}/wsplain/room`).join(",");
  const adminUrls = [servers.a, servers.b].map((g) => g.admin).join(",");
  const runs: RoomRun[] = [];
  for (let r = 0; r < s.repeats; r++) {
    const args = [wsUrls, adminUrls, String(s.roomMembers), "bench", String(s.roomRate), String(s.seconds)];
    const run = await runJsonScript<RoomRun>("ws room", "bench/ws-room.ts", args, { core: pinning.clientCore }, (s.seconds + 90) * 1000, { GATEWAY_ADMIN_TOKEN: servers.adminToken });
    runs.push(run);
    console.log(`room ${r + 1}/${s.repeats}: ${run.deliveries}/${run.expectedDeliveries} delivered, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms`);
  }
  const m = (pick: (x: RoomRun) => number | null) => round(median(runs.map((x) => pick(x) ?? NaN)), 2);
  const p99 = m((x) => x.p99Ms);
  const lost = runs.reduce((a, x) => a + x.lost, 0);
  return {
    members: s.roomMembers,
    gateways: 2,
    broadcastsPerSecond: s.roomRate,
    deliveriesPerSecond: s.roomRate * s.roomMembers,
    seconds: s.seconds,
    median: { p50Ms: m((x) => x.p50Ms), p90Ms: m((x) => x.p90Ms), p99Ms: p99, maxMs: m((x) => x.maxMs), publishAnswerP50Ms: m((x) => x.publishAnswer.p50Ms), publishAnswerP99Ms: m((x) => x.publishAnswer.p99Ms) },
    lost,
    runs,
    targetP99Ms: 10,
    targetMet: p99 !== null && p99 <= 10 && lost === 0,
  };
}
