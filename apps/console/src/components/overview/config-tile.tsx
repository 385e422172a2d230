"use client";
// The live configuration revision, and whether the working tables hold changes nobody published.
import { useQuery } from "@tanstack/react-query";
import type { TConfigStatus } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { Tile } from "./tile";

/** Someone may be editing right now: unpublished changes show up within this. */
const REFRESH_MS = 5_000;

export function useConfigStatus() {
  const trpc = useTRPC();
  return useQuery(trpc.config.status.queryOptions(undefined, { refetchInterval: REFRESH_MS, staleTime: 0 }));
}

export function ConfigTile({ status, error }: { status: TConfigStatus | undefined; error: unknown }) {
  const latest = status?.latest ?? null;
  const tone = !status ? "none" : status.problems.length > 0 ? "alert" : status.unpublishedChanges ? "warn" : "ok";
  return (
    <Tile
      href="/revisions"
      goesTo="Revisions"
      label="Live revision"
      testId="tile-revision"
      value={!status ? "–" : latest ? String(latest.number) : "none"}
      dataValue={latest?.number ?? ""}
      tone={tone}
    >
      <span className="tile-sub" data-testid="tile-unpublished" data-unpublished={status ? String(status.unpublishedChanges) : ""}>
        {error
          ? "Could not read the configuration status."
          : !status
            ? "Loading…"
            : !latest
              ? "Nothing published yet."
              : status.unpublishedChanges
                ? "Unpublished changes waiting."
                : "No unpublished changes."}
      </span>
      {status && status.problems.length > 0 ? (
        <span className="tile-sub">
          {status.problems.length === 1 ? "1 problem stops" : `${status.problems.length} problems stop`} the next publish.
        </span>
      ) : null}
    </Tile>
  );
}
