// One keep-alive agent per protocol for the whole process: upstream connections are reused across
// requests and revisions. LIFO hands out the most recently used socket, the one least likely to
// have been closed by the upstream's idle timeout.
import http from "node:http";
import https from "node:https";

export interface Agents {
  http: http.Agent;
  https: https.Agent;
  destroy(): void;
}

export interface AgentOptions {
  /** Per upstream origin; further requests queue (and still time out on the route's deadline). */
  maxSockets?: number;
  maxFreeSockets?: number;
}

export function createAgents(options: AgentOptions = {}): Agents {
  const shared = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 1024,
    maxFreeSockets: options.maxFreeSockets ?? 256,
    scheduling: "lifo" as const,
  };
  const agents = { http: new http.Agent(shared), https: new https.Agent(shared) };
  return { ...agents, destroy: () => (agents.http.destroy(), agents.https.destroy()) };
}
