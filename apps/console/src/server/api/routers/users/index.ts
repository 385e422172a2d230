// Console users: admins only, reads included.
import { createTRPCRouter } from "../../trpc.ts";
import { create } from "./create.ts";
import { list } from "./list.ts";
import { resetPassword } from "./reset-password.ts";
import { setDisabled } from "./set-disabled.ts";
import { setRoles } from "./set-roles.ts";

export const usersRouter = createTRPCRouter({ list, create, setRoles, setDisabled, resetPassword });
