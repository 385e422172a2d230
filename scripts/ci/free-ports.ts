// Free ports for a product started in a test or a CI check: below 32768, where this machine's
// outgoing connections never take a port (they use 32768-60999), each run of `widths` consecutive
// ports checked free by binding it.
import { createServer } from "node:net";

const LOW = 20_000;
const HIGH = 32_000;

function free(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
  });
}

/** One start port per entry of `widths`; ports [start, start + width) are free and no two runs overlap. */
export async function pickFreePorts(widths: readonly number[], random: () => number = Math.random): Promise<number[]> {
  const taken = new Set<number>();
  const starts: number[] = [];
  for (const width of widths) {
    for (let tries = 0; ; tries++) {
      if (tries > 200) throw new Error(`no ${width} free consecutive ports found in ${LOW}-${HIGH}`);
      const start = LOW + Math.floor(random() * (HIGH - LOW - width));
      const range = Array.from({ length: width }, (_, i) => start + i);
      if (range.some((p) => taken.has(p))) continue;
      if (!(await Promise.all(range.map(free))).every(Boolean)) continue;
      range.forEach((p) => taken.add(p));
      starts.push(start);
      break;
    }
  }
  return starts;
}
