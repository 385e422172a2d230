// The ends of upgrade chains: a WebSocket route's connect (the manager makes the session, its
// upstream leg and the handshake), and the refusal of an upgrade on any other route.
import type { IpSet } from "../../net/ip-set.ts";
import { clientIp } from "../../net/client-ip.ts";
import { sendError } from "../../pipeline/send-error.ts";
import { ANSWERED, type RouteStage } from "../../pipeline/stage.ts";
import type { WsManager } from "../../websocket/manager.ts";

export function websocketConnect(manager: WsManager, trustedProxies: IpSet | null): RouteStage {
  return function websocketConnect(ctx) {
    const subject = ctx.auth ? `user:${ctx.auth.userId}` : `ip:${clientIp(ctx.req, trustedProxies)}`;
    return manager.connect(ctx, subject);
  };
}

export function refuseUpgrade(): RouteStage {
  return function refuseUpgrade(ctx) {
    sendError(ctx, "GW_UPGRADE_NOT_ALLOWED");
    return ANSWERED;
  };
}
