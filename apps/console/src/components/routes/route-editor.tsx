"use client";
// Create or edit one route: loads what the form needs (the services and the policies a route may
// name) and hands it to the shared editor frame.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { RouteLimits } from "../policies/route-limits";
import { EntityEditor } from "../ui/entity-editor";
import { RouteForm } from "./route-form";
import { EMPTY_ROUTE, toFormState } from "./route-form-state";

export function RouteEditor({ id }: { id?: string }) {
  const trpc = useTRPC();
  const services = useQuery(trpc.services.list.queryOptions());
  const rateLimitPolicies = useQuery(trpc.policies.rateLimit.list.queryOptions());
  const authPolicies = useQuery(trpc.policies.auth.list.queryOptions());
  const route = useQuery({ ...trpc.routes.get.queryOptions({ id: id ?? "" }), enabled: Boolean(id) });
  const create = useMutation(trpc.routes.create.mutationOptions());
  const update = useMutation(trpc.routes.update.mutationOptions());
  const check = useMutation(trpc.routes.check.mutationOptions());

  const ready = services.data && rateLimitPolicies.data && authPolicies.data && (!id || route.data);
  return (
    <EntityEditor
      id={id}
      loadErrors={[
        [services.error, "Could not load the services."],
        [rateLimitPolicies.error ?? authPolicies.error, "Could not load the policies."],
        [route.error, "Could not load this route."],
      ]}
      loaded={ready ? { services: services.data, rateLimitPolicies: rateLimitPolicies.data, authPolicies: authPolicies.data } : null}
      create={create.mutateAsync}
      update={update.mutateAsync}
      check={(route, self) => check.mutateAsync({ id: self, route })}
      listHref="/routes"
      thing="route"
      things="routes"
      createLabel="Create route"
    >
      {(loaded, form) => (
        <RouteForm
          key={route.data?.id ?? "new"}
          initial={route.data ? toFormState(route.data) : EMPTY_ROUTE}
          services={loaded.services.map((s) => s.name)}
          rateLimitPolicies={loaded.rateLimitPolicies.map((p) => p.name)}
          authPolicies={loaded.authPolicies.map((p) => p.name)}
          limitsFor={(policy, service) => <RouteLimits policy={loaded.rateLimitPolicies.find((p) => p.name === policy)} service={loaded.services.find((s) => s.name === service)} />}
          {...form}
        />
      )}
    </EntityEditor>
  );
}
