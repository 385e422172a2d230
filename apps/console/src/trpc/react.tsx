"use client";
// The browser's tRPC client: batched HTTP for queries and mutations, SSE for subscriptions (live
// views, later), superjson on the wire, TanStack Query for caching. Only the router's type crosses.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type ApiError = TRPCClientError<AppRouter>;

function isApiError(error: unknown): error is ApiError {
  return error instanceof TRPCClientError;
}

// A session that ended (expired, user disabled) sends the browser back to the sign-in page.
function onError(error: unknown) {
  if (isApiError(error) && error.data?.code === "UNAUTHORIZED") {
    window.location.assign(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
  }
}

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // Refusals (4xx) will not change on a retry; server failures might.
        retry: (count, error) => count < 2 && !(isApiError(error) && (error.data?.httpStatus ?? 500) < 500),
      },
    },
  });
}

const url = "/api/trpc";

// The proxy answers a call without a session with a redirect to /signin; follow it as a page
// navigation instead of handing the sign-in page's HTML to the tRPC client.
const fetchOrSignIn: typeof fetch = async (input, init) => {
  const res = await fetch(input, { ...init, redirect: "manual" });
  if (res.type === "opaqueredirect") {
    window.location.assign(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
  }
  return res;
};

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url, transformer: superjson }),
          false: httpBatchLink({ url, transformer: superjson, fetch: fetchOrSignIn }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
