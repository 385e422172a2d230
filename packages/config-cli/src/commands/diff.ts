// diff FILE: what applying the file would change against the live revision. Exit 2 when anything would.
import { checkFile } from "../check-file.ts";
import { withDb, type Io } from "../io.ts";
import { planFor, printPlan } from "../plan.ts";
import { readInput } from "../read-input.ts";

export const EXIT_CHANGES = 2;

export async function diffYaml(io: Io, yaml: string, name: string): Promise<number> {
  checkFile(yaml, name);
  const plan = await withDb(io, (db) => planFor(db, yaml));
  if (io.json) io.out(JSON.stringify(plan));
  else printPlan(io, plan);
  return plan.diffLive.length ? EXIT_CHANGES : 0;
}

export async function diffCommand(io: Io, file: string | undefined): Promise<number> {
  return diffYaml(io, await readInput(io, file), file!);
}
