"use client";
// Create or edit one rate-limit policy.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { PolicyEditor } from "./policy-editor";
import { RateLimitForm } from "./rate-limit-form";
import { EMPTY_RATE_LIMIT, toRateLimitFormState } from "./rate-limit-form-state";

export function RateLimitEditor({ id }: { id?: string }) {
  const api = useTRPC().policies.rateLimit;
  const policy = useQuery({ ...api.get.queryOptions({ id: id ?? "" }), enabled: Boolean(id) });
  const create = useMutation(api.create.mutationOptions());
  const update = useMutation(api.update.mutationOptions());
  const check = useMutation(api.check.mutationOptions());
  return (
    <PolicyEditor id={id} thing="rate-limit policy" policy={policy} create={create.mutateAsync} update={update.mutateAsync} check={(policy, self) => check.mutateAsync({ id: self, policy })}>
      {(record, form) => <RateLimitForm key={record?.id ?? "new"} initial={record ? toRateLimitFormState(record) : EMPTY_RATE_LIMIT} {...form} />}
    </PolicyEditor>
  );
}
