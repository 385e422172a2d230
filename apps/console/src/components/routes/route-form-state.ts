// The route form's state (strings, as inputs hold them) and its conversions to and from the API's
// route shape, plus the mapping of field-error paths onto the form's fields.
import { HTTP_METHODS, toFieldErrors, ZRoute, type FieldError, type TRoute, type TRouteInput } from "@tta/domain/browser";
import { aggregateFieldOf, aggregateFormState, aggregateInput, EMPTY_AGGREGATE, fallbackErrors, type AggregateFormFields, type PartFieldKey } from "./aggregate-form-state";
import { cacheFieldOf, cacheFormState, cachePolicyInput, EMPTY_CACHE, type CacheFormFields } from "./cache-form-state";
import { compressionFieldOf, compressionFormState, compressionPolicyInput, NEW_ROUTE_COMPRESSION, type CompressionFormFields } from "./compression-form-state";

export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RouteFormState extends CacheFormFields, AggregateFormFields, CompressionFormFields {
  name: string;
  methods: HttpMethod[];
  host: string;
  path: string;
  rewrite: string;
  service: string;
  timeoutMs: string;
  retryAttempts: string;
  retryNonIdempotent: boolean;
  priority: string;
  enabled: boolean;
  auth: TRoute["auth"];
  requiredRoles: string;
  requiredPermissions: string;
  rateLimitPolicy: string;
  authPolicy: string;
  safetyScan: TRoute["safetyScan"];
  crisisResponse: TRoute["crisisResponse"];
  blockedCategories: string;
  forbidPii: boolean;
  maskResponsePii: boolean;
  websocket: boolean;
  /** The WebSocket policy's fields, sent only when websocket is on; all empty = the gateway's WS_* settings. */
  wsIdleTimeoutSeconds: string;
  wsMaxMessageBytes: string;
  wsMessagesPerSecond: string;
  wsMessageBurst: string;
  /**
   * The route as it was loaded (null for a new one). Saving starts from it, so every setting this
   * form does not show (CORS, headers, body limits, retry backoff, later additions) is kept.
   */
  base: TRoute | null;
}

/** The form's own fields (what `set` takes). */
export type StateField = Exclude<keyof RouteFormState, "base">;
/** Where an error can show: a field, a part's field of an aggregation route, or the form as a whole. */
export type FieldKey = StateField | PartFieldKey | "form";
export type RouteField = Exclude<FieldKey, "form">;

export const EMPTY_ROUTE: RouteFormState = {
  name: "",
  methods: [],
  host: "",
  path: "",
  rewrite: "",
  service: "",
  timeoutMs: "30000",
  retryAttempts: "1",
  retryNonIdempotent: false,
  priority: "0",
  enabled: true,
  auth: "public",
  requiredRoles: "",
  requiredPermissions: "",
  rateLimitPolicy: "",
  authPolicy: "",
  safetyScan: "off",
  crisisResponse: "acknowledge",
  blockedCategories: "",
  forbidPii: false,
  maskResponsePii: false,
  websocket: false,
  wsIdleTimeoutSeconds: "",
  wsMaxMessageBytes: "",
  wsMessagesPerSecond: "",
  wsMessageBurst: "",
  ...EMPTY_CACHE,
  ...EMPTY_AGGREGATE,
  ...NEW_ROUTE_COMPRESSION,
  base: null,
};

const str = (n: number | undefined) => (n === undefined ? "" : String(n));

function websocketPolicyState(p: TRoute["websocketPolicy"]) {
  return {
    wsIdleTimeoutSeconds: str(p?.idleTimeoutSeconds),
    wsMaxMessageBytes: str(p?.maxMessageBytes),
    wsMessagesPerSecond: str(p?.messagesPerSecond),
    wsMessageBurst: str(p?.messageBurst),
  };
}

export function toFormState(route: TRoute): RouteFormState {
  return {
    name: route.name,
    methods: [...route.methods],
    host: route.host ?? "",
    path: route.path,
    rewrite: route.rewrite ?? "",
    service: route.service,
    timeoutMs: String(route.timeoutMs),
    retryAttempts: route.retryPolicy.attempts === undefined ? "" : String(route.retryPolicy.attempts), // "" = by priority
    retryNonIdempotent: route.retryPolicy.retryNonIdempotent,
    priority: String(route.priority),
    enabled: route.enabled,
    auth: route.auth,
    requiredRoles: route.requiredRoles.join(", "),
    requiredPermissions: route.requiredPermissions.join(", "),
    rateLimitPolicy: route.rateLimitPolicy ?? "",
    authPolicy: route.authPolicy ?? "",
    safetyScan: route.safetyScan,
    crisisResponse: route.crisisResponse,
    blockedCategories: route.blockedCategories.join(", "),
    forbidPii: route.forbidPii,
    maskResponsePii: route.maskResponsePii,
    websocket: route.websocket,
    ...websocketPolicyState(route.websocketPolicy),
    ...cacheFormState(route.cachePolicy),
    ...aggregateFormState(route),
    ...compressionFormState(route.compression),
    base: route,
  };
}

// "" means "use the default"; anything else that is not a number is left for zod to refuse.
const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/** null (the gateway's WS_* settings) when websocket is off or every field is empty; an empty field takes the schema's default. */
function websocketPolicyInput(s: RouteFormState): TRouteInput["websocketPolicy"] {
  if (!s.websocket) return null;
  const fields = [s.wsIdleTimeoutSeconds, s.wsMaxMessageBytes, s.wsMessagesPerSecond, s.wsMessageBurst];
  if (fields.every((f) => f.trim() === "")) return null;
  return {
    idleTimeoutSeconds: num(s.wsIdleTimeoutSeconds),
    maxMessageBytes: num(s.wsMaxMessageBytes),
    messagesPerSecond: num(s.wsMessagesPerSecond),
    messageBurst: num(s.wsMessageBurst),
  };
}

export function toRouteInput(s: RouteFormState): TRouteInput {
  // An aggregation route answers itself: what only a proxy route has (hidden in the form) is not sent.
  const aggregate = s.kind === "aggregate";
  return {
    ...s.base,
    name: s.name,
    methods: s.methods,
    host: s.host.trim() || null,
    path: s.path,
    rewrite: aggregate ? null : s.rewrite.trim() || null,
    service: s.service,
    timeoutMs: num(s.timeoutMs),
    retryPolicy: { ...s.base?.retryPolicy, attempts: num(s.retryAttempts), retryNonIdempotent: s.retryNonIdempotent },
    auth: s.auth,
    requiredRoles: list(s.requiredRoles),
    requiredPermissions: list(s.requiredPermissions),
    rateLimitPolicy: s.rateLimitPolicy.trim() || null,
    authPolicy: s.authPolicy.trim() || null,
    safetyScan: s.safetyScan,
    crisisResponse: s.crisisResponse,
    blockedCategories: list(s.blockedCategories),
    forbidPii: s.forbidPii,
    maskResponsePii: s.maskResponsePii,
    websocket: aggregate ? false : s.websocket,
    websocketPolicy: aggregate ? null : websocketPolicyInput(s),
    cachePolicy: cachePolicyInput(aggregate ? { ...s, cacheOn: false } : s, s.base),
    kind: s.kind,
    aggregate: aggregateInput(s),
    compression: compressionPolicyInput(s, s.base),
    priority: num(s.priority),
    enabled: s.enabled,
  };
}

const PATH_TO_FIELD: Record<string, FieldKey> = {
  retryPolicy: "retryAttempts",
  "retryPolicy.attempts": "retryAttempts",
  "retryPolicy.retryNonIdempotent": "retryNonIdempotent",
  "websocketPolicy.idleTimeoutSeconds": "wsIdleTimeoutSeconds",
  "websocketPolicy.maxMessageBytes": "wsMaxMessageBytes",
  "websocketPolicy.messagesPerSecond": "wsMessagesPerSecond",
  "websocketPolicy.messageBurst": "wsMessageBurst",
};

/** Which form field an API or zod error path belongs to ("methods.2" -> "methods"). */
export function fieldOf(path: string): FieldKey {
  if (PATH_TO_FIELD[path]) return PATH_TO_FIELD[path];
  const cacheField = cacheFieldOf(path) ?? compressionFieldOf(path);
  if (cacheField) return cacheField;
  const aggregateField = aggregateFieldOf(path);
  if (aggregateField) return aggregateField;
  const head = path.split(".")[0] ?? "";
  if (head in EMPTY_ROUTE && head !== "base") return head as FieldKey;
  return "form";
}

export type FormErrors = Partial<Record<FieldKey, string>>;

/** `state` (when given) lets a fallback that is not JSON say so, instead of the schema's "must be an object". */
export function groupErrors(errors: FieldError[], state?: RouteFormState): FormErrors {
  const out: FormErrors = {};
  for (const e of errors) {
    const key = fieldOf(e.path);
    const text = key === "form" && e.path ? `${e.path}: ${e.message}` : e.message;
    out[key] = out[key] ? `${out[key]}; ${text}` : text;
  }
  if (state) for (const [key, message] of fallbackErrors(state)) out[key] = message;
  return out;
}

/** The same checks the server runs first, for instant feedback while typing. */
export function validateLocally(s: RouteFormState): FormErrors {
  const parsed = ZRoute.safeParse(toRouteInput(s));
  const errors = parsed.success ? {} : groupErrors(toFieldErrors(parsed.error), s);
  if (!s.service) errors.service = "choose the service this route sends requests to";
  return errors;
}
