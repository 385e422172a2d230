"use client";
// The behaviour the editing forms share (routes, policies): the schema's errors on fields already
// visited (all of them once submitted, together with the server's dry run), the server's field
// errors until the field changes, focus on the first invalid field, and a pending flag while saving.
import { useMemo, useRef, useState, type FormEvent } from "react";
import { useFocusFirstInvalid } from "./use-focus-first-invalid";
import type { FieldError } from "@tta/domain/browser";

type Errors<K extends string> = Partial<Record<K | "form", string>>;

/**
 * S is the form's state; K the keys errors and "visited" marks are kept under: the state's fields,
 * and sub-fields a form names itself (a list's entries, e.g. "parts.1.key").
 */
export interface EntityFormOptions<S, K extends string> {
  initial: S;
  validate: (state: S) => Errors<K>;
  toErrors: (fields: FieldError[], state: S) => Errors<K>;
  /** Resolves with the server's field errors, or null when saved. */
  submit: (state: S) => Promise<FieldError[] | null>;
  /**
   * The server's dry run: when the form's own check fails, it is asked too, so errors only the
   * server can see (a taken name, an unknown service) come in the same round, not after a fix.
   */
  check?: (state: S) => Promise<FieldError[]>;
}

export function useEntityForm<S, K extends string>({ initial, validate, toErrors, submit, check }: EntityFormOptions<S, K>) {
  const [state, setState] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<K, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors<K>>({});
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const localErrors = useMemo(() => validate(state), [state, validate]);

  const errorOf = (key: K | "form") => serverErrors[key] ?? (submitted || (key !== "form" && touched[key as K]) ? localErrors[key] : undefined);

  function set<F extends Extract<keyof S, string>>(key: F, value: S[F]) {
    setState((s) => ({ ...s, [key]: value }));
    // The field's server errors go, and so do its sub-fields' ("parts.1.key" when "parts" changes).
    setServerErrors(({ [key]: _gone, form: _form, ...rest }) => {
      const kept: Record<string, string | undefined> = rest;
      for (const name of Object.keys(kept)) if (name.startsWith(`${key}.`)) delete kept[name];
      return kept as Errors<K>;
    });
  }
  const touch = (key: K) => () => setTouched((t) => ({ ...t, [key]: true }));

  const focusFirstError = useFocusFirstInvalid(formRef, pending);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setPending(true);
    try {
      if (Object.keys(localErrors).length) {
        const fields = check ? await check(state).catch(() => []) : [];
        setServerErrors(toErrors(fields, state));
        return focusFirstError();
      }
      const fields = await submit(state);
      if (fields) {
        setServerErrors(toErrors(fields, state));
        focusFirstError();
      }
    } finally {
      setPending(false);
    }
  }

  const invalid = submitted && Object.keys(localErrors).length > 0;
  return { state, set, touch, errorOf, onSubmit, pending, formRef, invalid };
}
