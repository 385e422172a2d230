// A route's compression policy as the compress stage uses it, compiled with the revision.
import type { TCompressionPolicy } from "@tta/domain";
import type { Coding } from "./accept-encoding.ts";
import { mediaRangeMatcher, type TypeMatcher } from "./media-ranges.ts";

export interface CompiledCompression {
  /** The encodings the route may answer with. */
  readonly codings: ReadonlySet<Coding>;
  /** A Content-Length below this goes out as it is. */
  readonly minBytes: number;
  readonly compressible: TypeMatcher;
  /** Answers to requests with credentials, and answers that set cookies, may be compressed too (BREACH: the route vouches). */
  readonly compressCredentialed: boolean;
}

/** null when the route has no policy or it is turned off: the stage is then not in its chain. */
export function compileCompression(p: TCompressionPolicy | null): CompiledCompression | null {
  if (!p?.enabled) return null;
  return Object.freeze({
    codings: new Set(p.algorithms),
    minBytes: p.minBytes,
    compressible: mediaRangeMatcher(p.contentTypes),
    compressCredentialed: p.compressCredentialed,
  });
}
