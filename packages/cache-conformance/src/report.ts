// The plain-text form of a report: one line per case, then totals per level.
import type { Report } from "./runner.ts";
import { LEVELS } from "./types.ts";

const MARK = { pass: "PASS", fail: "FAIL", na: "n/a ", measured: "MEAS" } as const;

export function formatReport(report: Report): string {
  const idWidth = Math.max(...report.results.map((r) => r.id.length), 4);
  const lines = [`cache conformance against ${report.base} (run ${report.run}, ${(report.ms / 1000).toFixed(1)} s)`, ""];
  let topic = "";
  for (const r of report.results) {
    if (r.topic !== topic) {
      topic = r.topic;
      lines.push(`[${topic}]`);
    }
    lines.push(`  ${MARK[r.outcome]}  ${r.level.padEnd(6)} ${r.id.padEnd(idWidth)}  ${r.detail}`);
  }
  lines.push("", "level   passed  failed  n/a");
  for (const level of LEVELS) {
    const t = report.totals[level];
    lines.push(`${level.padEnd(7)} ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${String(t.na).padStart(3)}`);
  }
  const c = report.coalescing;
  lines.push("", c ? `coalescing: ${c.clients} concurrent clients for a cold key -> ${c.originRequests} origin requests` : "coalescing: not measured");
  return lines.join("\n");
}
