import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CliError } from "./cli-error.ts";
import type { Io } from "./io.ts";

/** A file named on the command line, or a clear error naming it. */
export async function readInput(io: Io, file: string | undefined, what = "FILE"): Promise<string> {
  if (!file) throw new CliError(`name the configuration file: ${what}`);
  try {
    return await readFile(resolve(io.cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? `${file} does not exist` : `${file} cannot be read: ${(error as Error).message}`);
  }
}
