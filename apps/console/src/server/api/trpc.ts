// tRPC's one setup for the console: the context type, the error shape, and the procedure tiers
// public -> authed -> role-gated. No Next.js imports here, so that routers run under node:test.
import { initTRPC, TRPCError } from "@trpc/server";
import { ConfigValidationError, ConflictError, NotFoundError, type Actor, type Db } from "@tta/db";
import { newId, toFieldErrors, type ErrorCode, type FieldError, type TRole } from "@tta/domain";
import superjson from "superjson";
import { ZodError } from "zod";
import type { SessionUser } from "../auth/session-user.ts";
import type { EscalationFeed } from "../live/escalation-feed.ts";
import type { LiveSource } from "../live/live-source.ts";

export interface Context {
  db: Db;
  /** The active signed-in user, or null. */
  user: SessionUser | null;
  /** The gateways' live state and events (operations.*); absent where no live view is wired. */
  live?: LiveSource;
  /** Changes of therapeutic events (escalations.live); absent where no live view is wired. */
  escalations?: EscalationFeed;
  /** The gateways' admin APIs besides the live ones (GATEWAY_ADMIN_URLS) and their token: safety.rules.test asks one to classify. */
  gatewayAdmin?: { urls: readonly string[]; token?: string };
}

// The correlation id of a failed call, for the error formatter and the server log.
const correlationIds = new WeakMap<TRPCError, string>();
export const correlationIdOf = (error: TRPCError): string | null => correlationIds.get(error) ?? null;

function appCodeOf(error: TRPCError): ErrorCode | null {
  if (error.code === "BAD_REQUEST") return "CONSOLE_VALIDATION";
  if (error.code === "NOT_FOUND") return "CONSOLE_NOT_FOUND";
  if (error.code === "CONFLICT") return "CONSOLE_CONFLICT";
  return null;
}

/** The field errors an answer carries: from packages/db's validation or from the input schema. */
export function fieldErrorsOf(error: TRPCError): FieldError[] | null {
  if (error.cause instanceof ConfigValidationError) return error.cause.fields;
  if (error.cause instanceof ZodError) return toFieldErrors(error.cause);
  return null;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const { stack: _stack, ...data } = shape.data;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const fieldErrors = fieldErrorsOf(error);
    return {
      ...shape,
      // An unexpected failure may carry driver messages (hosts, SQL): the browser gets the id to
      // quote, the server log gets the rest.
      message: internal ? "Something went wrong on the server." : fieldErrors && error.cause instanceof ZodError ? "Some fields are not valid." : shape.message,
      data: { ...data, appCode: appCodeOf(error), fieldErrors, correlationId: correlationIdOf(error) },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Turns the errors of packages/db into their API codes, keeping the original as `cause`. */
function translate(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof ConfigValidationError) return new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  if (cause instanceof NotFoundError) return new TRPCError({ code: "NOT_FOUND", message: cause.message, cause });
  if (cause instanceof ConflictError) return new TRPCError({ code: "CONFLICT", message: cause.message, cause });
  return error;
}

/** Every call gets its own correlation id; it reaches the audit log and every error answer. */
const correlation = t.middleware(async ({ next }) => {
  const correlationId = newId("request");
  const result = await next({ ctx: { correlationId } });
  if (result.ok) return result;
  const error = translate(result.error);
  correlationIds.set(error, correlationId);
  throw error;
});

export const publicProcedure = t.procedure.use(correlation);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const actor: Actor = { id: ctx.user.id, label: ctx.user.email };
  return next({ ctx: { user: ctx.user, actor, change: { actor, correlationId: ctx.correlationId } } });
});

export function roleProcedure(...roles: [TRole, ...TRole[]]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!ctx.user.roles.some((r) => roles.includes(r))) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${roles.join(" or ")} role; you are signed in as ${ctx.user.roles.join(", ") || "no role"}.` });
    }
    return next();
  });
}

/** Edits of the configuration. */
export const adminProcedure = roleProcedure("admin");

/** Therapeutic events' content and the escalation steps: clinicians only, admins included only if they are clinicians too. */
export const clinicianProcedure = roleProcedure("clinician");
