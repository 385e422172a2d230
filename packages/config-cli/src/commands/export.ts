// export [--revision N | --working] [-o FILE]: the configuration as a file (stdout without -o).
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { exportConfigFile, NotFoundError } from "@tta/db";
import { CliError } from "../cli-error.ts";
import { withDb, type Io } from "../io.ts";

export interface ExportOptions {
  revision?: string;
  working?: boolean;
  output?: string;
}

export async function exportCommand(io: Io, opts: ExportOptions): Promise<number> {
  if (opts.revision !== undefined && opts.working) throw new CliError("choose --revision N or --working, not both");
  let revision: number | undefined;
  if (opts.revision !== undefined) {
    revision = Number(opts.revision);
    if (!Number.isInteger(revision) || revision < 1) throw new CliError(`--revision: expected a revision number (1, 2, …), got "${opts.revision}"`);
  }
  const file = await withDb(io, async (db) => {
    try {
      return await exportConfigFile(db, revision === undefined ? "working" : { revision });
    } catch (error) {
      if (error instanceof NotFoundError) throw new CliError(`--revision: ${error.message}`);
      throw error;
    }
  });
  if (opts.output) {
    await writeFile(resolve(io.cwd, opts.output), file.yaml);
    if (io.json) io.out(JSON.stringify({ written: opts.output, source: revision ?? "working" }));
    else io.err(`wrote ${revision === undefined ? "the working copy" : `revision ${revision}`} to ${opts.output}`);
  } else if (io.json) io.out(JSON.stringify(file));
  else io.out(file.yaml.replace(/\n$/, ""));
  return 0;
}
