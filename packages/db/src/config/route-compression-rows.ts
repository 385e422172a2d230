// A route's compression policy between the snapshot shape and the route row, in one place for
// snapshot reading, restore and the console's route editing.
import type { TRoute } from "@tta/domain";
import { Prisma, type Route } from "../generated/prisma/client.ts";

type Compression = Pick<TRoute, "compression">;

export function routeCompressionFromRow(r: Route): Compression {
  return { compression: (r.compression as Compression["compression"]) ?? null };
}

/** null clears the JSON column (undefined would leave an old policy in place on update). */
export function routeCompressionToRow(r: Compression) {
  return { compression: r.compression ?? Prisma.DbNull };
}
