// The HTTP cache's admin API: purge by route, by tag (an upstream's Surrogate-Key / Cache-Tag), by
// URL path on a host, by user ("forget this user": every answer kept for them), or everything;
// and what the store holds. Needs the admin token (write for a purge). On Redis a purge reaches
// every gateway (they share the store); the console audits who asked. A purge by route names the
// route as it was named when the answers were stored: after a rename, purge by tag, path or all.
import type { Logger } from "pino";
import { z } from "zod";
import type { HttpCacheStore } from "../stores/http-cache/interface.ts";
import { uriTag } from "../http-cache/key.ts";
import type { AdminToken } from "./admin-token.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { BodyError, readJson } from "./read-json.ts";
import { deniedAccess, refuse } from "./refuse.ts";
import { sendJson } from "./send-json.ts";

const ZName = z.string().trim().min(1).max(256);
export const ZCachePurge = z.union([
  z.object({ route: ZName }).strict(),
  z.object({ tag: ZName }).strict(),
  z.object({ user: ZName }).strict(),
  z.object({ host: ZName, path: z.string().startsWith("/").max(2048) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type TCachePurge = z.infer<typeof ZCachePurge>;

function purge(store: HttpCacheStore, p: TCachePurge): Promise<number> {
  if ("route" in p) return store.purgeRoute(p.route);
  if ("tag" in p) return store.purgeTag(`tag:${p.tag}`);
  if ("user" in p) return store.purgeUser(p.user);
  if ("path" in p) return store.purgeTag(uriTag(p.host, p.path));
  return store.purgeAll();
}

export function cacheEndpoint(store: HttpCacheStore, token: AdminToken, log: Logger): AdminEndpoint {
  return {
    path: "/cache/*",
    methods: ["GET", "POST"],
    async handle(req, res, correlationId) {
      const write = req.method === "POST";
      if (deniedAccess(token, write ? "write" : "read", req, res, correlationId)) return;
      const path = (req.url ?? "/").split("?")[0];
      if (path === "/cache/stats" && !write) return sendJson(res, 200, { kind: store.kind, ...(await store.stats()) });
      if (path !== "/cache/purge" || !write) {
        req.resume();
        return refuse(res, "GW_ROUTE_NOT_FOUND", correlationId);
      }
      let body: unknown;
      try {
        body = await readJson(req, 8 * 1024);
      } catch (error) {
        if (error instanceof BodyError && error.tooLarge) res.shouldKeepAlive = false;
        return refuse(res, "GW_CACHE_INVALID", correlationId, error instanceof BodyError ? error.message : "The body could not be read.");
      }
      const parsed = ZCachePurge.safeParse(body);
      if (!parsed.success) return refuse(res, "GW_CACHE_INVALID", correlationId, 'Name exactly one of {"route"}, {"tag"}, {"user"}, {"host","path"} or {"all": true}.');
      try {
        return sendJson(res, 200, { purged: await purge(store, parsed.data), scope: parsed.data });
      } catch (error) {
        log.warn({ err: error, correlationId, scope: parsed.data }, "cache purge failed: the store could not be reached");
        return refuse(res, "GW_CACHE_UNAVAILABLE", correlationId);
      }
    },
  };
}
