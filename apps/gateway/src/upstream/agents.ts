// Keep-alive agents for the whole process: upstream connections are reused across requests and
// revisions. One for plain HTTP, one shared https agent (the public roots, no client certificate),
// and one https agent per service with TLS settings of its own (its CA, client certificate, server
// name; service-tls.ts), built when a revision or a file change brings new settings, never per
// request. A replaced agent keeps the requests it carries and closes its connections as they free
// up. Settings whose files could not be loaded get an agent that refuses to connect: a service
// that must be reached with a private CA or a client certificate is never reached without them.
// LIFO hands out the most recently used socket, the one least likely to have been closed by the
// upstream's idle timeout.
import http from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";
import type { ConnectionOptions } from "node:tls";
import type { LoadedServiceTls } from "./service-tls.ts";

export interface Agents {
  http: http.Agent;
  /** The shared https agent, for services without TLS settings. */
  https: https.Agent;
  /** The agent for an instance of `service` at `target`. */
  forTarget(service: string, target: URL): http.Agent;
  /** The TLS options of a service's connections made without an agent (its wss:// legs); undefined = node's defaults. */
  tlsOptions(service: string): ConnectionOptions | undefined;
  /** A service's own TLS, or why it could not be loaded (its connections then fail), or null (the shared agent). */
  setServiceTls(service: string, tls: LoadedServiceTls | Error | null): void;
  destroy(): void;
}

export interface AgentOptions {
  /** Per upstream origin; further requests queue (and still time out on the route's deadline). */
  maxSockets?: number;
  maxFreeSockets?: number;
}

/** The agent of a service whose TLS files could not be loaded: every connection fails with why. */
class RefusingAgent extends https.Agent {
  constructor(private readonly reason: Error) {
    super({ keepAlive: false });
  }

  override createConnection(_options: unknown, callback?: (error: Error | null, socket: Duplex) => void): Duplex | null | undefined {
    process.nextTick(() => callback?.(this.reason, undefined as unknown as Duplex));
    return undefined;
  }
}

/** No new requests come to a replaced agent: its sockets close once free. */
function retire(agent: https.Agent): void {
  agent.maxFreeSockets = 0;
  for (const list of Object.values(agent.freeSockets)) for (const socket of list ?? []) socket.destroy();
}

interface ServiceAgent {
  readonly agent: https.Agent;
  readonly tls: LoadedServiceTls | null;
}

export function createAgents(options: AgentOptions = {}): Agents {
  const shared = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 1024,
    maxFreeSockets: options.maxFreeSockets ?? 256,
    scheduling: "lifo" as const,
  };
  const plain = new http.Agent(shared);
  const secure = new https.Agent(shared);
  const byService = new Map<string, ServiceAgent>();
  const httpsFor = (service: string) => byService.get(service)?.agent ?? secure;
  return {
    http: plain,
    https: secure,
    forTarget: (service, target) => (target.protocol === "https:" ? httpsFor(service) : plain),
    tlsOptions: (service) => byService.get(service)?.tls?.options,
    setServiceTls(service, tls) {
      const current = byService.get(service);
      if (tls && !(tls instanceof Error) && current?.tls?.fingerprint === tls.fingerprint) return;
      if (current) retire(current.agent);
      if (tls === null) byService.delete(service);
      else if (tls instanceof Error) byService.set(service, { agent: new RefusingAgent(tls), tls: null });
      else byService.set(service, { agent: new https.Agent({ ...shared, ...tls.options }), tls });
    },
    destroy() {
      plain.destroy();
      secure.destroy();
      for (const { agent } of byService.values()) agent.destroy();
      byService.clear();
    },
  };
}
