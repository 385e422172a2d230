"use client";
// Create or edit one service: the form (read-only for everyone but admins), the routes that use
// it, and, once it exists, its live state for operators and admins. Saved changes reach the
// gateways with the next publish, from the banner above.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { PublishBanner } from "../routes/publish-banner";
import { EntityEditor } from "../ui/entity-editor";
import { ServiceForm } from "./service-form";
import { emptyService, toServiceFormState } from "./service-form-state";
import { ServiceLive } from "./service-live";
import { ServiceUsedBy } from "./service-used-by";

export function ServiceEditor({ id }: { id?: string }) {
  const trpc = useTRPC();
  const { user } = useCurrentUser();
  const services = useQuery(trpc.services.list.queryOptions());
  const service = useQuery({ ...trpc.services.get.queryOptions({ id: id ?? "" }), enabled: Boolean(id) });
  const create = useMutation(trpc.services.create.mutationOptions());
  const update = useMutation(trpc.services.update.mutationOptions());
  const check = useMutation(trpc.services.check.mutationOptions());
  const seesLive = user.roles.includes("admin") || user.roles.includes("operator");
  const record = service.data;

  return (
    <>
      {id ? <h1>{record ? `Service ${record.name}` : "Service"}</h1> : null}
      <PublishBanner />
      <EntityEditor
        id={id}
        thing="service"
        loadErrors={[
          [service.error, "Could not load this service."],
          [services.error, "Could not load the services."],
        ]}
        loaded={services.data && (!id || record) ? { names: services.data.map((s) => s.name).filter((n) => n !== record?.name) } : null}
        create={create.mutateAsync}
        update={update.mutateAsync}
        check={(input, self) => check.mutateAsync({ id: self, service: input })}
        listHref="/services"
        things="services"
        createLabel="Create service"
        aside={record ? <ServiceUsedBy routes={record.usedBy} dependents={record.dependents} /> : null}
      >
        {(loaded, form) => <ServiceForm key={record?.id ?? "new"} initial={record ? toServiceFormState(record) : emptyService()} otherServices={loaded.names} {...form} />}
      </EntityEditor>
      {record && seesLive ? <ServiceLive service={record.name} /> : null}
    </>
  );
}
