// import [FILE]: the design's config/tta_config.yaml (its gateway section) as a GatewayConfig,
// then like diff (default), or apply with --message/--author (and --dry-run, --approved-by).
// -o FILE writes the mapped file instead, to review or keep in git.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parse, stringify } from "yaml";
import { CliError } from "../cli-error.ts";
import type { Io } from "../io.ts";
import { mapTtaConfig } from "../import/map-tta-config.ts";
import { readInput } from "../read-input.ts";
import { applyYaml, type ApplyOptions } from "./apply.ts";
import { diffYaml } from "./diff.ts";

export const DEFAULT_IMPORT_FILE = "config/tta_config.yaml";

export interface ImportOptions extends ApplyOptions {
  apply?: boolean;
  output?: string;
}

export async function importCommand(io: Io, file: string | undefined, opts: ImportOptions): Promise<number> {
  const name = file ?? DEFAULT_IMPORT_FILE;
  let text: string;
  try {
    text = await readInput(io, name);
  } catch (error) {
    if (!file) throw new CliError(`${DEFAULT_IMPORT_FILE} does not exist in ${io.cwd}: nothing to import (name another file: import FILE)`);
    throw error;
  }
  let source: unknown;
  try {
    source = parse(text);
  } catch (error) {
    throw new CliError(`${name} is not YAML: ${(error as Error).message}`);
  }
  const { document, notMapped } = mapTtaConfig(source);
  if (!(source as { gateway?: unknown } | null)?.gateway) throw new CliError(`${name} has no gateway: section to import`);
  for (const n of notMapped) io.err(`not mapped: ${n.path}: ${n.reason}`);
  const yaml = `# Imported from ${name}\n${stringify(document)}`;
  if (opts.output) {
    await writeFile(resolve(io.cwd, opts.output), yaml);
    io.err(`wrote the mapped configuration to ${opts.output}`);
    return 0;
  }
  const mappedName = `${name} (gateway section)`;
  return opts.apply || opts.dryRun ? applyYaml(io, yaml, mappedName, opts) : diffYaml(io, yaml, mappedName);
}
