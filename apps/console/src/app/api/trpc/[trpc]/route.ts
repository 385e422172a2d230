// tRPC over the App Router. GET and POST both, so that queries, mutations and (later) SSE
// subscriptions share one endpoint.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { correlationIdOf } from "@/server/api/trpc";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext,
    onError({ error, path }) {
      // Expected refusals (validation, 403, 404) are answers, not failures; only log the rest.
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(`[trpc] ${path ?? "(unknown)"} failed, correlation id ${correlationIdOf(error) ?? "none"}:`, error.cause ?? error);
      }
    },
  });
}

export { handler as GET, handler as POST };
