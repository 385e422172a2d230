// The short table `npm run bench:ws` prints at the end of a run.
import type { idlePhase } from "./ws-phase-idle.ts";
import type { ratePhase } from "./ws-phase-rate.ts";
import type { roomPhase } from "./ws-phase-room.ts";

const ms = (v: number | null | undefined) => (v == null ? "–" : `${v} ms`);
const met = (ok: boolean) => (ok ? "met" : "NOT met");

export function wsTable(idle: Awaited<ReturnType<typeof idlePhase>>, rate: Awaited<ReturnType<typeof ratePhase>>, room: Awaited<ReturnType<typeof roomPhase>>): string {
  const rows: string[][] = [["measure", "baseline", "gateway", "target"]];
  rows.push([`RSS per idle connection (${idle.held} held${idle.cap.capped ? ", capped by nofile" : ""})`, `${idle.relay.rssKiBPerConnection} KiB (ws relay)`, `${idle.gateway.rssKiBPerConnection} KiB`, `≤ 20 KiB: ${met(idle.targetMet)}`]);
  rows.push(["RSS before → held", `${idle.relay.rssMiB.before} → ${idle.relay.rssMiB.held} MiB`, `${idle.gateway.rssMiB.before} → ${idle.gateway.rssMiB.held} MiB`, ""]);
  const http = idle.gateway.during?.http;
  rows.push(["HTTP GET while held (p50 / max)", `${ms(idle.httpBeforeHolding.p50Ms)} / ${ms(idle.httpBeforeHolding.maxMs)} (not held)`, http ? `${ms(http.p50Ms)} / ${ms(http.maxMs)}, ${http.answered200}/${http.requests} 200` : "–", ""]);
  const [direct, plain, scan] = rate.points;
  rows.push([`${rate.rate} msg/s over ${rate.connections} conns, p50 / p99`, `${ms(direct!.median.p50Ms)} / ${ms(direct!.median.p99Ms)} (direct)`, `${ms(plain!.median.p50Ms)} / ${ms(plain!.median.p99Ms)}`, ""]);
  rows.push(["  added p99, unscanned route", "", `${ms(rate.addedP99Ms.gateway)} (per repeat: ${rate.addedP99MsPerRepeat.map((r) => r.gateway).join(", ")})`, `≤ 5 ms: ${met(rate.targetMet)}`]);
  rows.push(["  load generator behind schedule (max per repeat)", "", rate.addedP99MsPerRepeat.map((r) => ms(r.generatorMaxLateMs)).join(", "), "≤ 5 ms = undisturbed"]);
  rows.push(['  route with safetyScan "monitor", p50 / p99', "", `${ms(scan!.median.p50Ms)} / ${ms(scan!.median.p99Ms)} (+${ms(rate.addedP99Ms.gatewayScan)})`, ""]);
  rows.push([`room fan-out, ${room.members} members on 2 gateways, ${room.broadcastsPerSecond}/s`, "", `${ms(room.median.p50Ms)} / ${ms(room.median.p99Ms)}${room.lost ? `, ${room.lost} lost` : ""}`, `p99 ≤ 10 ms: ${met(room.targetMet)}`]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")).join("\n");
}
