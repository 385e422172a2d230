// The console's whole API. The browser imports only the type.
import { auditRouter } from "./routers/audit/index.ts";
import { cacheRouter } from "./routers/cache/index.ts";
import { configRouter } from "./routers/config/index.ts";
import { escalationsRouter } from "./routers/escalations/index.ts";
import { operationsRouter } from "./routers/operations/index.ts";
import { policiesRouter } from "./routers/policies/index.ts";
import { routesRouter } from "./routers/routes/index.ts";
import { safetyRouter } from "./routers/safety/index.ts";
import { servicesRouter } from "./routers/services/index.ts";
import { usersRouter } from "./routers/users/index.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  routes: routesRouter,
  services: servicesRouter,
  config: configRouter,
  policies: policiesRouter,
  users: usersRouter,
  operations: operationsRouter,
  escalations: escalationsRouter,
  audit: auditRouter,
  safety: safetyRouter,
  cache: cacheRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
