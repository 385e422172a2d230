// A copy of a structured log object that is safe to write: PII and secrets masked in every string,
// sensitive fields masked whole, and bounded (depth, keys, items, string length) so a huge or
// cyclic object cannot stall the logger. Never mutates its input.
import { PII_LABELS } from "./detectors.ts";
import { maskPii } from "./mask-text.ts";
import { isDigestField, sensitiveKeyKind } from "./sensitive-keys.ts";

export interface MaskForLogOptions {
  maxDepth?: number;
  maxKeys?: number;
  maxItems?: number;
  maxString?: number;
}

const DEFAULTS: Required<MaskForLogOptions> = { maxDepth: 8, maxKeys: 100, maxItems: 100, maxString: 4096 };

export function maskForLog(value: unknown, options: MaskForLogOptions = {}): unknown {
  const limits = { ...DEFAULTS, ...options };
  const seen = new WeakSet<object>();

  const str = (s: string) => maskPii(s.length > limits.maxString ? `${s.slice(0, limits.maxString)}…[${s.length - limits.maxString} more]` : s);

  const walk = (v: unknown, depth: number): unknown => {
    switch (typeof v) {
      case "string":
        return str(v);
      case "number":
        return Number.isInteger(v) && Math.abs(v) >= 1e8 && maskPii(String(v)) !== String(v) ? maskPii(String(v)) : v;
      case "bigint":
        return maskPii(v.toString());
      case "function":
        return "[Function]";
      case "symbol":
        return v.toString();
      case "object":
        break;
      default:
        return v;
    }
    if (v === null) return null;
    if (seen.has(v)) return "[Circular]";
    if (depth >= limits.maxDepth) return "[Depth]";
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return `[Binary ${v.byteLength} bytes]`;
    seen.add(v);
    try {
      if (v instanceof Error) return errorObject(v, depth);
      if (Array.isArray(v) || v instanceof Set) {
        const items = [...(v as Iterable<unknown>)];
        const out = items.slice(0, limits.maxItems).map((item) => walk(item, depth + 1));
        if (items.length > limits.maxItems) out.push(`[+${items.length - limits.maxItems} more]`);
        return out;
      }
      if (v instanceof Map) return walkEntries([...v.entries()].map(([k, x]) => [String(k), x]), depth);
      if (typeof (v as { toJSON?: unknown }).toJSON === "function") return walk((v as { toJSON(): unknown }).toJSON(), depth);
      return walkEntries(Object.entries(v), depth);
    } finally {
      seen.delete(v);
    }
  };

  const walkEntries = (entries: [string, unknown][], depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries.slice(0, limits.maxKeys)) {
      const kind = sensitiveKeyKind(key);
      if (!kind && isDigestField(key, item)) {
        out[key] = item;
        continue;
      }
      out[maskPii(key)] = kind && item !== null && item !== undefined && item !== "" && typeof item !== "boolean" ? PII_LABELS[kind] : walk(item, depth + 1);
    }
    if (entries.length > limits.maxKeys) out["…"] = `[+${entries.length - limits.maxKeys} more keys]`;
    return out;
  };

  const errorObject = (error: Error, depth: number): Record<string, unknown> => {
    const extra = Object.entries(error).filter(([k]) => k !== "stack" && k !== "message");
    return {
      type: error.name,
      message: str(error.message),
      ...(error.stack ? { stack: str(error.stack) } : {}),
      ...walkEntries(extra, depth),
      ...(error.cause !== undefined ? { cause: walk(error.cause, depth + 1) } : {}),
    };
  };

  return walk(value, 0);
}
