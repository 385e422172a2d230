// Per-route traffic of the current roll-up window: count, errors, answers by status class and
// latency samples, turned into count / errors / classes / p50 / p95 / p99 when the window closes. Recording is O(1) and allocation-free
// (typed sample buffers are reused across windows); past SAMPLE_LIMIT samples a window keeps a
// uniform reservoir, so memory stays bounded under any load and percentiles stay representative.
import type { TRouteTraffic } from "@tta/domain";
import type { CompiledRoute } from "../../config/compiled.ts";
import type { RequestRecorder } from "../contracts.ts";
import { percentile } from "./percentile.ts";

export const SAMPLE_LIMIT = 10_000;
/** A route with no traffic for this many windows is forgotten (renamed or removed routes). */
const IDLE_WINDOWS_BEFORE_FORGET = 30;
/** Placeholders for the row of requests no route matched (flagged `unmatched`; not valid route names). */
export const UNMATCHED_ROUTE = "(unmatched)";
export const UNMATCHED_SERVICE = "(none)";

interface Cell {
  route: string;
  service: string;
  count: number;
  errors: number;
  /** By status class: [2xx, 3xx, 4xx but 429, 429, 5xx]. */
  classes: Uint32Array;
  cacheLookups: number;
  cacheHits: number;
  samples: Float64Array;
  kept: number;
  idleWindows: number;
  forgotten: boolean;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export class TrafficWindow implements RequestRecorder {
  private readonly cells = new Map<string, Cell>();
  private readonly byRoute = new WeakMap<CompiledRoute, Cell>();
  private readonly unmatched: Cell;

  constructor(private readonly random: () => number = Math.random) {
    this.unmatched = this.cell(UNMATCHED_ROUTE, UNMATCHED_SERVICE);
  }

  record(route: CompiledRoute | null, status: number, failed: boolean, durationMs: number): void {
    const cell = route ? this.cellOf(route) : this.unmatched;
    cell.count++;
    if (failed) cell.errors++;
    const slot = statusSlot(status);
    if (slot >= 0) cell.classes[slot]!++;
    if (cell.kept < SAMPLE_LIMIT) {
      if (cell.kept === cell.samples.length) cell.samples = grow(cell.samples);
      cell.samples[cell.kept++] = durationMs;
    } else {
      // Reservoir sampling (Algorithm R): every request of the window has the same chance to stay.
      const slot = Math.floor(this.random() * cell.count);
      if (slot < SAMPLE_LIMIT) cell.samples[slot] = durationMs;
    }
  }

  /** A GET or HEAD its route's cache looked up; `served` when the answer came from the cache. */
  cacheResult(route: CompiledRoute, served: boolean): void {
    const cell = this.cellOf(route);
    cell.cacheLookups++;
    if (served) cell.cacheHits++;
  }

  /** Closes the window: the routes that had traffic in it, and a fresh window. */
  flush(): TRouteTraffic[] {
    const out: TRouteTraffic[] = [];
    for (const [key, cell] of this.cells) {
      if (cell.count === 0 && cell.cacheLookups === 0) {
        if (++cell.idleWindows >= IDLE_WINDOWS_BEFORE_FORGET && cell !== this.unmatched) {
          cell.forgotten = true;
          this.cells.delete(key);
        }
        continue;
      }
      const sorted = cell.samples.subarray(0, cell.kept).sort();
      out.push({
        route: cell.route,
        service: cell.service,
        count: cell.count,
        errors: cell.errors,
        status2xx: cell.classes[0]!,
        status3xx: cell.classes[1]!,
        status4xx: cell.classes[2]!,
        status429: cell.classes[3]!,
        status5xx: cell.classes[4]!,
        ...(cell === this.unmatched ? { unmatched: true } : {}),
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
        ...(cell.cacheLookups > 0 ? { cacheLookups: cell.cacheLookups, cacheHits: cell.cacheHits } : {}), // only on caching routes
      });
      cell.count = 0;
      cell.errors = 0;
      cell.classes.fill(0);
      cell.cacheLookups = 0;
      cell.cacheHits = 0;
      cell.kept = 0;
      cell.idleWindows = 0;
    }
    return out;
  }

  private cellOf(route: CompiledRoute): Cell {
    let found = this.byRoute.get(route);
    if (found && !found.forgotten) return found;
    found = this.cell(route.name, route.service.name);
    this.byRoute.set(route, found);
    return found;
  }

  private cell(route: string, service: string): Cell {
    const k = key(route, service);
    let found = this.cells.get(k);
    if (!found) {
      found = { route, service, count: 0, errors: 0, classes: new Uint32Array(5), cacheLookups: 0, cacheHits: 0, samples: new Float64Array(64), kept: 0, idleWindows: 0, forgotten: false };
      this.cells.set(k, found);
    }
    return found;
  }
}

/** The index of a status in Cell.classes; -1 for no answer (0) and 1xx. */
function statusSlot(status: number): number {
  if (status === 429) return 3;
  if (status < 200 || status >= 600) return -1;
  const hundreds = Math.floor(status / 100); // 2..5; 429 took slot 3, so 5xx is slot 4
  return hundreds === 5 ? 4 : hundreds - 2;
}

function key(route: string, service: string): string {
  return `${route}\u0000${service}`;
}

function grow(samples: Float64Array): Float64Array {
  const bigger = new Float64Array(Math.min(SAMPLE_LIMIT, samples.length * 2));
  bigger.set(samples);
  return bigger;
}
