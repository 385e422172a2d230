"use client";
// Create or edit one auth policy.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { AuthForm } from "./auth-form";
import { EMPTY_AUTH, toAuthFormState } from "./auth-form-state";
import { PolicyEditor } from "./policy-editor";

export function AuthEditor({ id }: { id?: string }) {
  const api = useTRPC().policies.auth;
  const policy = useQuery({ ...api.get.queryOptions({ id: id ?? "" }), enabled: Boolean(id) });
  const create = useMutation(api.create.mutationOptions());
  const update = useMutation(api.update.mutationOptions());
  const check = useMutation(api.check.mutationOptions());
  return (
    <PolicyEditor id={id} thing="auth policy" policy={policy} create={create.mutateAsync} update={update.mutateAsync} check={(policy, self) => check.mutateAsync({ id: self, policy })}>
      {(record, form) => <AuthForm key={record?.id ?? "new"} initial={record ? toAuthFormState(record) : EMPTY_AUTH} {...form} />}
    </PolicyEditor>
  );
}
