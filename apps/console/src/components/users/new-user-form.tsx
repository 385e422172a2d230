"use client";
// Creating a console user: name, email, roles and an initial password that the admin passes on.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { toFieldErrors, ZUserCreate, type FieldError, type TRole } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { Field, FieldError as FieldErrorText } from "../routes/field";
import { fieldErrorsOf, groupFieldErrors } from "../ui/api-errors";
import { ErrorNotice } from "../ui/error-notice";
import { RoleCheckboxes } from "./role-checkboxes";
import { useFocusFirstInvalid } from "../ui/use-focus-first-invalid";

type Key = "name" | "email" | "roles" | "password";
const fieldOf = (path: string): Key | "form" => {
  const head = path.split(".")[0];
  return head === "name" || head === "email" || head === "roles" || head === "password" ? head : "form";
};

export function NewUserForm({ onDone }: { onDone: (email: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.users.create.mutationOptions());
  const [state, setState] = useState({ name: "", email: "", roles: [] as TRole[], password: "" });
  const [errors, setErrors] = useState<Partial<Record<Key | "form", string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useFocusFirstInvalid(formRef, create.isPending);

  const set = <K extends Key>(key: K, value: (typeof state)[K]) => {
    setState((s) => ({ ...s, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };
  const show = (fields: FieldError[]) => {
    setErrors(groupFieldErrors(fields, fieldOf));
    focusFirstInvalid();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const parsed = ZUserCreate.safeParse(state);
    if (!parsed.success) return show(toFieldErrors(parsed.error));
    try {
      const created = await create.mutateAsync(parsed.data);
      await queryClient.invalidateQueries();
      onDone(created.email);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) show(fields);
      else setFailure(error);
    }
  }

  return (
    <form ref={formRef} className="form-section form user-form" onSubmit={submit} noValidate aria-label="New user">
      <h2>New user</h2>
      {failure ? <ErrorNotice error={failure} title="Not created." /> : null}
      <fieldset disabled={create.isPending} className="plain">
        <div className="grid-2">
          <Field name="name" label="Name" error={errors.name} idPrefix="user">
            {(a) => <input {...a} type="text" autoComplete="off" value={state.name} onChange={(e) => set("name", e.target.value)} />}
          </Field>
          <Field name="email" label="Email" error={errors.email} idPrefix="user">
            {(a) => <input {...a} type="email" autoComplete="off" value={state.email} onChange={(e) => set("email", e.target.value)} />}
          </Field>
          <Field name="password" label="Initial password" error={errors.password} idPrefix="user" hint="At least 12 characters. Pass it on safely; they sign in with it.">
            {(a) => <input {...a} type="password" autoComplete="new-password" value={state.password} onChange={(e) => set("password", e.target.value)} />}
          </Field>
        </div>
        <div>
          <RoleField value={state.roles} error={errors.roles} onChange={(roles) => set("roles", roles)} />
        </div>
        {errors.form ? (
          <p className="notice notice-error" role="alert" data-testid="field-error-form">
            {errors.form}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {create.isPending ? "Creating…" : "Create user"}
          </button>
          <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function RoleField({ value, error, onChange }: { value: TRole[]; error?: string; onChange: (roles: TRole[]) => void }) {
  return (
    <>
      <RoleCheckboxes legend="Roles" value={value} onChange={onChange} describedBy={error ? "field-error-roles" : undefined} hints />
      <FieldErrorText name="roles" error={error} />
    </>
  );
}
