// The auth policy form's state (strings, as inputs hold them), its conversions to and from the
// API's policy shape, and where each error path shows on the form.
import { toFieldErrors, ZAuthPolicy, type FieldError, type TAuthPolicy, type TAuthPolicyInput, type TJwtAlgorithm } from "@tta/domain/browser";
import { groupFieldErrors } from "../ui/api-errors";
import { blocksOf, entryMessage, listOf, num } from "./form-text";

export interface AuthFormState {
  name: string;
  issuer: string;
  audiences: string;
  algorithms: TJwtAlgorithm[];
  jwksUrl: string;
  publicKeys: string;
  secretRef: string;
  clockSkewSeconds: string;
  rolesClaim: string;
  permissionsClaim: string;
}

export type AuthField = keyof AuthFormState;
export type AuthErrors = Partial<Record<AuthField | "form", string>>;

export const EMPTY_AUTH: AuthFormState = {
  name: "",
  issuer: "",
  audiences: "",
  algorithms: ["RS256"],
  jwksUrl: "",
  publicKeys: "",
  secretRef: "",
  clockSkewSeconds: "30",
  rolesClaim: "roles",
  permissionsClaim: "permissions",
};

export function toAuthFormState(p: TAuthPolicy): AuthFormState {
  return {
    name: p.name,
    issuer: p.issuer,
    audiences: p.audiences.join(", "),
    algorithms: [...p.algorithms],
    jwksUrl: p.jwksUrl ?? "",
    publicKeys: p.publicKeys.join("\n\n"),
    secretRef: p.secretRef ?? "",
    clockSkewSeconds: String(p.clockSkewSeconds),
    rolesClaim: p.rolesClaim,
    permissionsClaim: p.permissionsClaim,
  };
}

export function toAuthInput(s: AuthFormState): TAuthPolicyInput {
  return {
    name: s.name,
    issuer: s.issuer,
    audiences: listOf(s.audiences),
    algorithms: s.algorithms,
    jwksUrl: s.jwksUrl.trim() || null,
    publicKeys: blocksOf(s.publicKeys),
    secretRef: s.secretRef.trim() || null,
    clockSkewSeconds: num(s.clockSkewSeconds),
    rolesClaim: s.rolesClaim.trim() || undefined,
    permissionsClaim: s.permissionsClaim.trim() || undefined,
  };
}

export function authFieldOf(path: string): AuthField | "form" {
  const head = path.split(".")[0] ?? "";
  return head in EMPTY_AUTH ? (head as AuthField) : "form";
}

export function authErrors(errors: FieldError[], s: AuthFormState): AuthErrors {
  const named = errors.map((e) => {
    const field = authFieldOf(e.path);
    if (field === "publicKeys") return { ...e, message: entryMessage(blocksOf(s.publicKeys), e.path, e.message) };
    if (field === "audiences") return { ...e, message: entryMessage(listOf(s.audiences), e.path, e.message) };
    return e;
  });
  return groupFieldErrors(named, authFieldOf);
}

export function validateAuthLocally(s: AuthFormState): AuthErrors {
  const parsed = ZAuthPolicy.safeParse(toAuthInput(s));
  return parsed.success ? {} : authErrors(toFieldErrors(parsed.error), s);
}
