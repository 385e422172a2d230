// The Compression section's part of the route form: the compression policy's fields as inputs hold
// them, their conversion to and from ZCompressionPolicy, where its error paths land, and the routes
// table's summary. A new route starts with compression on (the schema's defaults: br and gzip of
// text and JSON from 1 KiB, never credentialed answers); a route without a policy loads with it off.
import { COMPRESSION_ALGORITHMS, ZCompressionPolicy, type TCompressionAlgorithm, type TCompressionPolicy, type TRoute, type TRouteInput } from "@tta/domain/browser";

export interface CompressionFormFields {
  compressionOn: boolean;
  compressionAlgorithms: TCompressionAlgorithm[];
  compressionMinBytes: string;
  /** One media range per line (commas work too). */
  compressionContentTypes: string;
  compressionCredentialed: boolean;
}

/** The schema's defaults: what a new route, or turning compression on for a route without a policy, starts from. */
export const COMPRESSION_DEFAULTS: TCompressionPolicy = ZCompressionPolicy.parse({});

export const ALGORITHM_OPTIONS = COMPRESSION_ALGORITHMS;

function fields(p: TCompressionPolicy, on: boolean): CompressionFormFields {
  return {
    compressionOn: on,
    compressionAlgorithms: [...p.algorithms],
    compressionMinBytes: String(p.minBytes),
    compressionContentTypes: p.contentTypes.join("\n"),
    compressionCredentialed: p.compressCredentialed,
  };
}

/** A new route's: on, with the defaults. */
export const NEW_ROUTE_COMPRESSION: CompressionFormFields = fields(COMPRESSION_DEFAULTS, true);

export function compressionFormState(policy: TRoute["compression"]): CompressionFormFields {
  return policy ? fields(policy, policy.enabled) : fields(COMPRESSION_DEFAULTS, false);
}

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
const list = (s: string) => s.split(/[\n,]/).map((x) => x.trim()).filter(Boolean);

/**
 * On: the form's policy (algorithms in the gateway's order). Off: the route's stored policy kept,
 * switched off (turning it on again brings its settings back), or null when it had none; the
 * hidden fields are not checked.
 */
export function compressionPolicyInput(s: CompressionFormFields, base: TRoute | null): TRouteInput["compression"] {
  if (!s.compressionOn) return base?.compression ? { ...base.compression, enabled: false } : null;
  return {
    enabled: true,
    algorithms: ALGORITHM_OPTIONS.filter((a) => s.compressionAlgorithms.includes(a)),
    minBytes: num(s.compressionMinBytes),
    contentTypes: list(s.compressionContentTypes),
    compressCredentialed: s.compressionCredentialed,
  };
}

const FIELD_OF_POLICY_KEY: Record<keyof TCompressionPolicy, keyof CompressionFormFields> = {
  enabled: "compressionOn",
  algorithms: "compressionAlgorithms",
  minBytes: "compressionMinBytes",
  contentTypes: "compressionContentTypes",
  compressCredentialed: "compressionCredentialed",
};

/** "compression.contentTypes.3" -> "compressionContentTypes"; null for a path outside the policy's fields. */
export function compressionFieldOf(path: string): keyof CompressionFormFields | null {
  const [head, key] = path.split(".");
  if (head !== "compression" || !key) return null;
  return FIELD_OF_POLICY_KEY[key as keyof TCompressionPolicy] ?? null;
}

/** The routes table's line: "off", or the encodings ("br, gzip"). */
export function compressionSummary(policy: TRoute["compression"]): string {
  if (!policy?.enabled) return "off";
  return policy.algorithms.join(", ");
}
