// The rules form's edits, applied to a copy of the draft's value at a path
// (["categories", 2, "phrases", 0, "phrase"]): set a value, append to a list, remove from a list.
// The draft stays JSON, checked by @tta/safety's own schema whichever view edits it, and the
// schema's field errors (paths such as "categories.2.phrases.0.phrase") find their rule again.
import type { FieldError } from "@tta/domain/browser";

export type RulePath = readonly (string | number)[];

export type FormEdit =
  | { type: "set"; path: RulePath; value: unknown }
  | { type: "append"; path: RulePath; value: unknown }
  | { type: "remove"; path: RulePath };

type Container = Record<string | number, unknown>;
const isContainer = (v: unknown): v is Container => typeof v === "object" && v !== null;

/** The value at a path, or undefined where the draft does not have it. */
export function valueAt(value: unknown, path: RulePath): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (!isContainer(at)) return undefined;
    at = at[key];
  }
  return at;
}

/** The container of the path's last key, made where missing (an object, or a list before a number). */
function parentOf(root: Container, path: RulePath): Container {
  let at: Container = root;
  path.slice(0, -1).forEach((key, i) => {
    if (!isContainer(at[key])) at[key] = typeof path[i + 1] === "number" ? [] : {};
    at = at[key] as Container;
  });
  return at;
}

export function applyFormEdit(value: unknown, edit: FormEdit): unknown {
  if (!isContainer(value) || edit.path.length === 0) return value;
  const next = structuredClone(value);
  const parent = parentOf(next, edit.path);
  const key = edit.path[edit.path.length - 1]!;
  if (edit.type === "set") parent[key] = edit.value;
  if (edit.type === "append") parent[key] = [...(Array.isArray(parent[key]) ? (parent[key] as unknown[]) : []), edit.value];
  if (edit.type === "remove" && Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
  return next;
}

/** The messages of errors at the path or under it, e.g. a phrase rule's (its text, its severity). */
export function errorsAt(errors: readonly FieldError[], path: RulePath): string[] {
  const at = path.join(".");
  return errors.filter((e) => e.path === at || e.path.startsWith(`${at}.`)).map((e) => (e.path === at ? e.message : `${e.path.slice(at.length + 1)}: ${e.message}`));
}
