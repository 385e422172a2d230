// Restricted routes: the user needs ANY ONE of the route's roles (roles say who someone is: "a
// clinician or an admin") and EVERY one of its permissions (permissions say what the operation
// needs). 403 GW_FORBIDDEN says what is missing, so the user or their admin knows what to ask for.
// Runs after authenticate, which already refused anonymous requests on non-public routes.
import { sendError } from "../../pipeline/send-error.ts";
import type { RouteStage } from "../../pipeline/stage.ts";

export function authorize(): RouteStage {
  return async function authorize(ctx, next) {
    const { requirement, anyRole, allPermissions } = ctx.match.route.edge.auth;
    if (requirement !== "restricted") return next();
    const auth = ctx.auth;
    if (!auth) throw new Error("authorize runs after authenticate, which refuses anonymous requests on restricted routes");
    const hasRole = anyRole.length === 0 || anyRole.some((r) => auth.roles.includes(r));
    const missingPermissions = allPermissions.filter((p) => !auth.permissions.includes(p));
    if (hasRole && missingPermissions.length === 0) return next();
    const needs: string[] = [];
    if (!hasRole) needs.push(`${anyRole.length === 1 ? "the role" : "one of the roles"} ${anyRole.join(", ")}`);
    if (missingPermissions.length) needs.push(`${missingPermissions.length === 1 ? "the permission" : "the permissions"} ${missingPermissions.join(", ")}`);
    sendError(ctx, "GW_FORBIDDEN", {
      message: `Your account does not have access to this: it needs ${needs.join(" and ")}.`,
      details: { ...(hasRole ? {} : { anyOfRoles: anyRole }), ...(missingPermissions.length ? { missingPermissions } : {}) },
    });
  };
}
