"use client";
// Create or edit one route: loads what the form needs, sends it, and turns a refusal into field
// errors (the form shows them) or a notice (anything else).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldError, TRouteInput } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ErrorNotice } from "../ui/error-notice";
import { RouteForm } from "./route-form";
import { EMPTY_ROUTE, toFormState } from "./route-form-state";

function fieldErrorsOf(error: unknown): FieldError[] | null {
  if (!(error instanceof TRPCClientError)) return null;
  const fields = (error.data as { fieldErrors?: FieldError[] | null } | undefined)?.fieldErrors;
  return fields && fields.length ? fields : null;
}

export function RouteEditor({ id }: { id?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { isAdmin } = useCurrentUser();
  const [failure, setFailure] = useState<unknown>(null);

  const services = useQuery(trpc.services.list.queryOptions());
  const rateLimitPolicies = useQuery(trpc.policies.rateLimit.list.queryOptions());
  const authPolicies = useQuery(trpc.policies.auth.list.queryOptions());
  const route = useQuery({ ...trpc.routes.get.queryOptions({ id: id ?? "" }), enabled: Boolean(id) });
  const create = useMutation(trpc.routes.create.mutationOptions());
  const update = useMutation(trpc.routes.update.mutationOptions());

  async function save(input: TRouteInput): Promise<FieldError[] | null> {
    setFailure(null);
    try {
      if (id) await update.mutateAsync({ id, ...input });
      else await create.mutateAsync(input);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (!fields) setFailure(error);
      return fields;
    }
    await queryClient.invalidateQueries();
    router.push("/routes");
    return null;
  }

  if (services.error) return <ErrorNotice error={services.error} title="Could not load the services." />;
  const policiesError = rateLimitPolicies.error ?? authPolicies.error;
  if (policiesError) return <ErrorNotice error={policiesError} title="Could not load the policies." />;
  if (route.error) return <ErrorNotice error={route.error} title="Could not load this route." />;
  if (!services.data || !rateLimitPolicies.data || !authPolicies.data || (id && !route.data)) return <p className="muted">Loading…</p>;

  return (
    <>
      {isAdmin ? null : <p className="notice">Only admins can change routes; you can look, not edit.</p>}
      {failure ? <ErrorNotice error={failure} title="Not saved." /> : null}
      <RouteForm
        key={route.data?.id ?? "new"}
        initial={route.data ? toFormState(route.data) : EMPTY_ROUTE}
        services={services.data.map((s) => s.name)}
        rateLimitPolicies={rateLimitPolicies.data.map((p) => p.name)}
        authPolicies={authPolicies.data.map((p) => p.name)}
        submitLabel={id ? "Save" : "Create route"}
        readOnly={!isAdmin}
        onSubmit={save}
      />
    </>
  );
}
