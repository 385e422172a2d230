// A route's edge settings (header overrides, CORS, body limits) between the snapshot shape and the
// route row, in one place for snapshot reading, restore and the console's route editing.
import type { TRoute } from "@tta/domain";
import { Prisma, type Route } from "../generated/prisma/client.ts";

type Edge = Pick<TRoute, "headers" | "cors" | "maxBodyBytes" | "bodyValidation">;

export function routeEdgeFromRow(r: Route): Edge {
  return {
    headers: (r.headers as Edge["headers"]) ?? null,
    cors: (r.cors as Edge["cors"]) ?? null,
    maxBodyBytes: r.maxBodyBytes,
    bodyValidation: r.bodyValidation,
  };
}

/** null clears the JSON columns (undefined would leave an old value in place on update). */
export function routeEdgeToRow(r: Edge) {
  return {
    headers: r.headers ?? Prisma.DbNull,
    cors: r.cors ?? Prisma.DbNull,
    maxBodyBytes: r.maxBodyBytes,
    bodyValidation: r.bodyValidation,
  };
}
