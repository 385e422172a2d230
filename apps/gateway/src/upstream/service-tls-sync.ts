// Keeps every service's upstream TLS (service-tls.ts) in the agents: at each config swap, before
// any request sees the revision (sync), and when a file a service's settings read changes (one
// watch over all of them, tls/file-watch.ts), so that a rotated client certificate or CA bundle
// is picked up without a publish. A load that fails keeps the agent that worked (a half-written
// rotation, a revision naming a missing file); a service with no working load yet gets a refusing
// agent (its https connections fail, naming why). Logged once per service and problem, counted.
import type { Logger } from "pino";
import type { CompiledConfig, CompiledService } from "../config/compiled.ts";
import { watchFiles, type FileWatch } from "../tls/file-watch.ts";
import type { Agents } from "./agents.ts";
import { loadServiceTls, resolveTlsFile, type LoadedServiceTls } from "./service-tls.ts";

export interface ServiceTlsSyncOptions {
  /** Every agent set that reaches instances (requests, health checks). */
  agents: readonly Agents[];
  /** The gateway's TLS variables for env:NAME references (env.ts readTlsFileRefs). */
  refs: ReadonlyMap<string, string>;
  log: Logger;
  onReload?(result: "ok" | "failed"): void;
  pollMs: number;
  debounceMs: number;
}

interface ServiceState {
  good: LoadedServiceTls | null;
  problem: string | null;
}

export class ServiceTlsSync {
  private readonly states = new Map<string, ServiceState>();
  private services: readonly CompiledService[] = [];
  private watch: FileWatch | null = null;
  private watchedKey = "";
  private closed = false;

  constructor(private readonly options: ServiceTlsSyncOptions) {}

  /** A new revision's services. */
  sync(config: CompiledConfig | null): void {
    if (!config) return;
    this.services = [...config.services.values()].filter((s) => s.tls !== null);
    const names = new Set(this.services.map((s) => s.name));
    for (const name of this.states.keys()) {
      if (names.has(name)) continue;
      this.states.delete(name);
      for (const agents of this.options.agents) agents.setServiceTls(name, null);
    }
    this.rewatch(); // first: a file that changes while it is read is then read again
    for (const service of this.services) this.load(service);
  }

  private load(service: CompiledService): void {
    const { log, agents, onReload } = this.options;
    const state = this.states.get(service.name) ?? { good: null, problem: null };
    this.states.set(service.name, state);
    try {
      const loaded = loadServiceTls(service.tls!, this.options.refs);
      if (loaded.fingerprint !== state.good?.fingerprint) {
        for (const a of agents) a.setServiceTls(service.name, loaded);
        if (state.good) log.info({ service: service.name }, "upstream TLS settings reloaded");
        onReload?.("ok");
      }
      state.good = loaded;
      state.problem = null;
    } catch (error) {
      onReload?.("failed");
      const problem = (error as Error).message;
      if (problem !== state.problem) {
        log.error({ service: service.name, problem }, state.good ? "the service's new TLS files cannot be used; still using the previous ones" : "the service's TLS files cannot be used: its https instances cannot be reached");
      }
      state.problem = problem;
      if (!state.good) for (const a of agents) a.setServiceTls(service.name, error as Error);
    }
  }

  /** Watches every file the services' settings name (those that resolve), when that set changed. */
  private rewatch(): void {
    const paths = new Set<string>();
    for (const s of this.services) {
      for (const ref of [s.tls!.caFile, s.tls!.certFile, s.tls!.keyFile]) {
        if (!ref) continue;
        try {
          paths.add(resolveTlsFile(ref, this.options.refs));
        } catch {
          // an unknown variable: nothing to watch, the load said why
        }
      }
    }
    const key = [...paths].sort().join("\n");
    if (key === this.watchedKey || this.closed) return;
    this.watchedKey = key;
    this.watch?.close();
    this.watch = paths.size === 0 ? null : watchFiles([...paths], () => this.reloadAll(), { pollMs: this.options.pollMs, debounceMs: this.options.debounceMs });
  }

  private reloadAll(): void {
    if (this.closed) return;
    for (const service of this.services) this.load(service);
  }

  close(): void {
    this.closed = true;
    this.watch?.close();
  }
}
