// The WebSocket manager's admin API (websocket/PROTOCOL.md): broadcast to a room, read a session,
// follow a session's messages (masked, server-sent events), send a clinician's message to the
// player. Every call needs the admin token; the console restricts follow and send to clinicians
// and audits them.
import type { ServerResponse } from "node:http";
import { z } from "zod";
import type { WsManager } from "../websocket/manager.ts";
import type { SessionAccess } from "../websocket/session-access.ts";
import type { AdminToken } from "./admin-token.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { BodyError, readJson } from "./read-json.ts";
import { deniedAccess, refuse } from "./refuse.ts";
import { sendJson } from "./send-json.ts";

const ROOM = /^[A-Za-z0-9._:-]{1,128}$/;
const SESSION = /^ses_[0-9a-z]{1,40}$/;
const ZBroadcast = z.object({ data: z.string().max(64 * 1024) });
const ZMessage = z.object({ text: z.string().min(1).max(8 * 1024), from: z.object({ id: z.string().min(1).max(128), label: z.string().min(1).max(200) }) });

export function wsEndpoint(manager: WsManager, token: AdminToken): AdminEndpoint {
  return {
    path: "/ws/*",
    methods: ["GET", "POST"],
    async handle(req, res, correlationId) {
      const write = req.method === "POST";
      if (deniedAccess(token, write ? "write" : "read", req, res, correlationId)) return;
      const parts = (req.url ?? "/").split("?")[0]!.split("/").slice(2).map(decodeURIComponent); // ["rooms", room, "messages"] …
      const body = async <T>(schema: z.ZodType<T>): Promise<T | null> => {
        let parsed: unknown;
        try {
          parsed = await readJson(req, 80 * 1024);
        } catch (error) {
          if (error instanceof BodyError && error.tooLarge) res.shouldKeepAlive = false;
          refuse(res, "GW_WS_INVALID", correlationId, error instanceof BodyError ? error.message : "The body could not be read.");
          return null;
        }
        const result = schema.safeParse(parsed);
        if (!result.success) {
          refuse(res, "GW_WS_INVALID", correlationId, result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
          return null;
        }
        return result.data;
      };
      const [kind, id, action] = parts;
      if (kind === "rooms" && id && action === "messages" && parts.length === 3 && write) {
        if (!ROOM.test(id)) return refuse(res, "GW_WS_INVALID", correlationId, "A room name is 1-128 characters of letters, digits and . _ : -");
        const input = await body(ZBroadcast);
        if (!input) return;
        await manager.broadcast(id, input.data);
        return sendJson(res, 202, { room: id, published: true });
      }
      if (kind === "sessions" && id && SESSION.test(id)) {
        if (parts.length === 2 && !write) {
          const session = await manager.access.info(id);
          return session ? sendJson(res, 200, { session }) : refuse(res, "GW_WS_SESSION_NOT_FOUND", correlationId);
        }
        if (parts.length === 3 && action === "messages" && write) {
          const input = await body(ZMessage);
          if (!input) return;
          const sent = await manager.access.send(id, input.text, input.from);
          return sent ? sendJson(res, 202, { sessionId: id, offset: sent.offset }) : refuse(res, "GW_WS_SESSION_NOT_FOUND", correlationId);
        }
        if (parts.length === 3 && action === "follow" && !write) {
          if (!(await manager.access.info(id))) return refuse(res, "GW_WS_SESSION_NOT_FOUND", correlationId);
          return follow(manager.access, id, res);
        }
      }
      req.resume();
      refuse(res, "GW_ROUTE_NOT_FOUND", correlationId);
    },
  };
}

async function follow(access: SessionAccess, id: string, res: ServerResponse): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" });
  res.write(": following\n\n");
  const stop = await access.follow(id, (event) => {
    if (res.writableLength > 256 * 1024) return void res.destroy(); // a follower that does not read is cut
    res.write(`data: ${event}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
  res.once("close", () => {
    clearInterval(keepAlive);
    stop();
  });
}
