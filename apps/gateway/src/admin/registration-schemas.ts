// What the registration API accepts. Service names follow the config's rule; an instance is
// named by the id its registration returned.
import { ZUpstreamUrl } from "@tta/domain";
import { z } from "zod";

const ZServiceName = z
  .string()
  .trim()
  .min(2)
  .max(63)
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, "lower-case letters, digits and dashes; starts with a letter");

export const ZRegistration = z
  .object({
    service: ZServiceName,
    url: ZUpstreamUrl,
    weight: z.number().int().min(1).max(100).default(1),
    metadata: z
      .record(z.string().min(1).max(64), z.string().max(256))
      .refine((m) => Object.keys(m).length <= 16, "at most 16 entries")
      .default({}),
    /** Heartbeats must come more often than this (every ttlSeconds / 3 is a good pace). */
    ttlSeconds: z.number().int().min(1).max(300).default(30),
  })
  .strict();

export const ZInstanceRef = z
  .object({
    service: ZServiceName,
    instanceId: z.string().regex(/^ins_[0-9a-z]{22}$/, "an instance id as returned by the registration (ins_…)"),
  })
  .strict();
