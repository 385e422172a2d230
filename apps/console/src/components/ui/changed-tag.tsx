"use client";
// "Changed since live": which rows of a working-config table a publish would change, from
// config.changes, and the tag a row shows for it.
import { useQuery } from "@tanstack/react-query";
import type { TEntityDiff } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";

export type Change = TEntityDiff["change"];

/** name → change for one kind; empty while loading (rows are then shown unmarked). */
export function useLiveChanges(kind: TEntityDiff["kind"]): { changed: ReadonlyMap<string, Change>; removed: string[] } {
  const trpc = useTRPC();
  const changes = useQuery(trpc.config.changes.queryOptions());
  const mine = (changes.data?.changes ?? []).filter((c) => c.kind === kind);
  return {
    changed: new Map(mine.filter((c) => c.change !== "removed").map((c) => [c.name, c.change])),
    removed: mine.filter((c) => c.change === "removed").map((c) => c.name),
  };
}

export function ChangedTag({ change }: { change: Change | undefined }) {
  if (!change || change === "removed") return null;
  return (
    <span className={change === "added" ? "tag tag-added" : "tag tag-changed"} data-testid="changed-since-live" title="Not live yet: the next publish sends it to the gateways">
      {change === "added" ? "new" : "changed"}
      <span className="visually-hidden"> since the live revision</span>
    </span>
  );
}

/** Under a table: what the live revision has that the working tables no longer do. */
export function RemovedSinceLive({ names, what }: { names: string[]; what: string }) {
  if (names.length === 0) return null;
  return (
    <p className="muted" data-testid="removed-since-live">
      Deleted since the live revision ({what}): {names.join(", ")}. They stay live until the next publish.
    </p>
  );
}

/** The filter's options for "changed since live". */
export const CHANGED_OPTIONS = [["yes", "Changed since live"], ["no", "Same as live"]] as const;
