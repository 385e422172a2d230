// The full case list, in the order the runner takes it.
import type { Case } from "../types.ts";
import { age } from "./age.ts";
import { authorization } from "./authorization.ts";
import { coalescing } from "./coalescing.ts";
import { freshness } from "./freshness.ts";
import { head } from "./head.ts";
import { invalidation } from "./invalidation.ts";
import { noCache } from "./no-cache.ts";
import { requestDirectives } from "./request-directives.ts";
import { revalidate } from "./revalidate.ts";
import { setCookie } from "./set-cookie.ts";
import { staleIfError, staleWhileRevalidate } from "./stale.ts";
import { storage } from "./storage.ts";
import { validation } from "./validation.ts";
import { vary } from "./vary.ts";

export const CASES: readonly Case[] = [
  ...freshness,
  ...storage,
  ...authorization,
  ...setCookie,
  ...age,
  ...noCache,
  ...revalidate,
  ...requestDirectives,
  ...vary,
  ...validation,
  ...staleWhileRevalidate,
  ...staleIfError,
  ...invalidation,
  ...head,
  ...coalescing,
];

const seen = new Set<string>();
for (const c of CASES) {
  if (seen.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
  seen.add(c.id);
}
