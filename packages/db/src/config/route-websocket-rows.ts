// A websocket route's session limits (websocketPolicy) between the snapshot shape and the route
// row, in one place for snapshot reading, restore and the console's route editing.
import type { TRoute } from "@tta/domain";
import { Prisma, type Route } from "../generated/prisma/client.ts";

type Websocket = Pick<TRoute, "websocket" | "websocketPolicy">;

export function routeWebsocketFromRow(r: Route): Websocket {
  return { websocket: r.websocket, websocketPolicy: (r.websocketPolicy as Websocket["websocketPolicy"]) ?? null };
}

/** null clears the JSON column (undefined would leave an old policy in place on update). */
export function routeWebsocketToRow(r: Websocket) {
  return { websocket: r.websocket, websocketPolicy: r.websocketPolicy ?? Prisma.DbNull };
}
