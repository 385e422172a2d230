// A route's safety policy (crisis response, blocked content categories, PII rules) between the
// snapshot shape and the route row, in one place for snapshot reading, restore and route editing.
import type { TRoute } from "@tta/domain";
import type { Route } from "../generated/prisma/client.ts";

type Safety = Pick<TRoute, "crisisResponse" | "blockedCategories" | "forbidPii" | "maskResponsePii">;

export function routeSafetyFromRow(r: Route): Safety {
  return { crisisResponse: r.crisisResponse, blockedCategories: r.blockedCategories, forbidPii: r.forbidPii, maskResponsePii: r.maskResponsePii };
}

export function routeSafetyToRow(r: Safety) {
  return { crisisResponse: r.crisisResponse, blockedCategories: r.blockedCategories, forbidPii: r.forbidPii, maskResponsePii: r.maskResponsePii };
}
