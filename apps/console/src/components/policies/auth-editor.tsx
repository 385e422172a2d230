"use client";
// Create or edit one auth policy; a refusal becomes field errors (the form shows them) or a
// notice. Saved policies reach the gateways with the next publish.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldError, TAuthPolicyInput } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { fieldErrorsOf } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";
import { AuthForm } from "./auth-form";
import { EMPTY_AUTH, toAuthFormState } from "./auth-form-state";
import { UsedBy } from "./used-by";

export function AuthEditor({ id }: { id?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { isAdmin } = useCurrentUser();
  const [failure, setFailure] = useState<unknown>(null);
  const policy = useQuery({ ...trpc.policies.auth.get.queryOptions({ id: id ?? "" }), enabled: Boolean(id) });
  const create = useMutation(trpc.policies.auth.create.mutationOptions());
  const update = useMutation(trpc.policies.auth.update.mutationOptions());

  async function save(input: TAuthPolicyInput): Promise<FieldError[] | null> {
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
    router.push("/policies");
    return null;
  }

  if (policy.error) return <ErrorNotice error={policy.error} title="Could not load this policy." />;
  if (id && !policy.data) return <p className="muted">Loading…</p>;

  return (
    <>
      {isAdmin ? null : <p className="notice">Only admins can change policies; you can look, not edit.</p>}
      {policy.data ? <UsedBy routes={policy.data.usedBy} /> : null}
      {failure ? <ErrorNotice error={failure} title="Not saved." /> : null}
      <AuthForm
        key={policy.data?.id ?? "new"}
        initial={policy.data ? toAuthFormState(policy.data) : EMPTY_AUTH}
        submitLabel={id ? "Save" : "Create policy"}
        readOnly={!isAdmin}
        onSubmit={save}
      />
    </>
  );
}
