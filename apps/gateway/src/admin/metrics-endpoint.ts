// GET /metrics: the gateway's own registry in the Prometheus text format.
import type { Registry } from "prom-client";
import type { AdminEndpoint } from "./endpoint.ts";

export function metricsEndpoint(registry: Registry): AdminEndpoint {
  return {
    path: "/metrics",
    methods: ["GET"],
    async handle(_req, res) {
      const text = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType, "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
      res.end(text);
    },
  };
}
