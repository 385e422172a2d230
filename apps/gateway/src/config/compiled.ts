// The compiled, immutable form of one published revision: what a request is routed by. A request
// takes one reference to it at its start; a publish swaps the reference, never the contents.
import type { PathPattern, Rewriter } from "@tta/domain";

export type HostRule =
  | { kind: "exact"; host: string; withPort: boolean }
  | { kind: "wildcard"; suffix: string; withPort: boolean }; // suffix = ".example.com"

export interface CompiledInstance {
  readonly url: string;
  readonly target: URL;
}

export interface CompiledService {
  readonly name: string;
  readonly instances: readonly CompiledInstance[];
  /** Round-robin position: the one mutable field, per service and per revision. */
  readonly cursor: { next: number };
}

export interface CompiledRoute {
  readonly id: string;
  readonly name: string;
  readonly priority: number;
  readonly methods: ReadonlySet<string> | null; // null = every method
  readonly host: HostRule | null;
  readonly pattern: PathPattern;
  readonly rewrite: Rewriter | null;
  readonly service: CompiledService;
  readonly timeoutMs: number;
}

export interface CompiledConfig {
  readonly revision: number;
  readonly checksum: string;
  readonly loadedAt: Date;
  /** Enabled routes, in the order they are tried. */
  readonly routes: readonly CompiledRoute[];
}
