"use client";
// "Download YAML": the working copy (no revision) or a published revision as a configuration
// file (tta-config-rev-12.yaml). Fetched when clicked, never cached: it must be what is stored now.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { ErrorNotice } from "../ui/error-notice";
import { saveTextFile } from "./save-file";

export function DownloadConfigButton({ revision, label, small }: { revision?: number; label: string; small?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function download() {
    setPending(true);
    setError(null);
    try {
      const options = trpc.config.exportFile.queryOptions(revision === undefined ? {} : { revision });
      const file = await queryClient.fetchQuery({ ...options, staleTime: 0, gcTime: 0 });
      saveTextFile(file.fileName, file.yaml);
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={small ? "button button-small" : "button"}
        onClick={download}
        disabled={pending}
        aria-label={revision === undefined ? undefined : `Download revision ${revision} as YAML`}
        data-testid={revision === undefined ? "download-working" : `download-revision-${revision}`}
      >
        {pending ? "Preparing…" : label}
      </button>
      {error ? <ErrorNotice error={error} title="Could not download the file." /> : null}
    </>
  );
}
