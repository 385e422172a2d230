// Services as the console's API answers with them: the editable fields, the row id, and which
// routes of the working tables send traffic to the service (a service in use cannot be deleted).
import { z } from "zod";
import { ZService } from "./schemas.ts";

export const ZServiceRecord = z.intersection(
  ZService,
  z.object({
    id: z.string().min(1),
    updatedAt: z.date(),
    /** Names of the routes that send traffic to this service, in name order. */
    usedBy: z.array(z.string()),
    /** Names of the services that list this one among their dependencies. */
    dependents: z.array(z.string()),
  }),
);
export type TServiceRecord = z.infer<typeof ZServiceRecord>;
export type TServiceInput = z.input<typeof ZService>;
