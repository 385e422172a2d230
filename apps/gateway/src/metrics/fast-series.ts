// Counter and histogram families for the per-request series. prom-client hashes the label values on
// every inc()/observe(), even through a labels() child (≈ 0.5 µs per request for the two request
// series, bench/observe-cost.ts); here a child is a plain object bound once, an update is an
// addition, and the registry reads the numbers only when /metrics is scraped. The text format is
// prom-client's own (the registry formats whatever get() returns).
import type { Metric, Registry } from "prom-client";

type Labels = Record<string, string>;
interface Sample {
  value: number;
  labels: Labels;
  sharedLabels?: Labels;
  metricName?: string;
}

abstract class Family<Child> {
  protected readonly children = new Map<string, { labels: Labels; child: Child }>();

  constructor(
    registry: Registry,
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "histogram",
    private readonly labelNames: readonly string[],
  ) {
    // The registry needs only name, help, type and get(); its types list prom-client's own classes.
    registry.registerMetric(this as unknown as Metric);
  }

  /** The child for these label values (in labelNames order), created on first use; bind it once. */
  child(...values: string[]): Child {
    const key = values.join("\u0000");
    let found = this.children.get(key);
    if (!found) {
      const labels = Object.fromEntries(this.labelNames.map((n, i) => [n, values[i] ?? ""]));
      found = { labels, child: this.create() };
      this.children.set(key, found);
    }
    return found.child;
  }

  protected abstract create(): Child;
  protected abstract samples(labels: Labels, child: Child): Sample[];

  async get() {
    const values = [...this.children.values()].flatMap(({ labels, child }) => this.samples(labels, child));
    return { name: this.name, help: this.help, type: this.type, values, aggregator: "sum" as const };
  }
}

export interface CounterChild {
  value: number;
}

export class FastCounter extends Family<CounterChild> {
  constructor(registry: Registry, config: { name: string; help: string; labelNames: readonly string[] }) {
    super(registry, config.name, config.help, "counter", config.labelNames);
  }
  protected create(): CounterChild {
    return { value: 0 };
  }
  protected samples(labels: Labels, child: CounterChild): Sample[] {
    return [{ labels, value: child.value }];
  }
}

export class HistogramChild {
  /** counts[i] = observations in (bounds[i-1], bounds[i]]; the last slot is above every bound. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    this.counts[i]!++;
    this.sum += value;
    this.count++;
  }
}

export class FastHistogram extends Family<HistogramChild> {
  private readonly bounds: readonly number[];

  constructor(registry: Registry, config: { name: string; help: string; labelNames: readonly string[]; buckets: readonly number[] }) {
    super(registry, config.name, config.help, "histogram", config.labelNames);
    this.bounds = [...config.buckets].sort((a, b) => a - b);
  }
  protected create(): HistogramChild {
    return new HistogramChild(this.bounds);
  }
  protected samples(labels: Labels, child: HistogramChild): Sample[] {
    const out: Sample[] = [];
    let cumulative = 0;
    this.bounds.forEach((le, i) => {
      cumulative += child.counts[i]!;
      out.push({ labels: { le: String(le) }, sharedLabels: labels, value: cumulative, metricName: `${this.name}_bucket` });
    });
    out.push(
      { labels: { le: "+Inf" }, sharedLabels: labels, value: child.count, metricName: `${this.name}_bucket` },
      { labels: {}, sharedLabels: labels, value: child.sum, metricName: `${this.name}_sum` },
      { labels: {}, sharedLabels: labels, value: child.count, metricName: `${this.name}_count` },
    );
    return out;
  }
}
