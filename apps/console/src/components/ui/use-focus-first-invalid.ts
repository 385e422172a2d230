"use client";
// Moves focus to a form's first invalid field once the form can take it: the fields sit in a
// fieldset that is disabled while saving, and focus() on a disabled input does nothing, so the
// focus waits for the commit in which the form is no longer busy (a requestAnimationFrame could
// run before that commit, which is how the services form once kept focus on nothing).
import { useEffect, useRef, useState, type RefObject } from "react";

const INVALID = "[aria-invalid='true'], fieldset[aria-describedby] input";

export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, busy: boolean): () => void {
  const [request, setRequest] = useState(0);
  const served = useRef(0);
  useEffect(() => {
    if (busy || request === served.current) return;
    served.current = request;
    formRef.current?.querySelector<HTMLElement>(INVALID)?.focus();
  }, [busy, request, formRef]);
  return () => setRequest((n) => n + 1);
}
