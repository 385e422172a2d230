// Console users as admins manage them. Passwords go in (create, reset) and never come out: no
// schema here has a password or hash field on the way back.
import { z } from "zod";
import { ZRole } from "./schemas.ts";

export const PASSWORD_MIN_LENGTH = 12;

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "must be at most 200 characters");

export const ZEmail = z.string().trim().toLowerCase().max(254).email("must be an email address such as ada@tta.dev");

export const ZUserRoles = z
  .array(ZRole)
  .min(1, "give the user at least one role (disable the user to take all access away)")
  .refine((roles) => new Set(roles).size === roles.length, "lists a role twice");

export const ZUserCreate = z.object({
  name: z.string().trim().min(1, "say who this is").max(100),
  email: ZEmail,
  roles: ZUserRoles,
  password: ZPassword,
});
export type TUserCreate = z.infer<typeof ZUserCreate>;
export type TUserCreateInput = z.input<typeof ZUserCreate>;

export const ZUserRecord = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(ZRole),
  disabled: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TUserRecord = z.infer<typeof ZUserRecord>;
