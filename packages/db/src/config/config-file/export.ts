// Download: the working copy or a published revision as a configuration file. A working copy
// that does not validate is still written out (as stored), so it can be fixed in the file.
import { serialiseConfigFile, type ConfigFileContent, type TConfigFileExport } from "@tta/domain";
import type { Db } from "../../client.ts";
import { NotFoundError } from "../../errors.ts";
import { readWorkingSnapshot } from "../snapshot.ts";
import { normaliseSnapshot } from "./normalise.ts";

export type ExportSource = { revision: number } | "working";

export async function exportConfigFile(db: Db, source: ExportSource): Promise<TConfigFileExport> {
  if (source === "working") {
    const raw = await db.$transaction((tx) => readWorkingSnapshot(tx));
    const checked = normaliseSnapshot(raw);
    const content = (checked.ok ? checked.snapshot : raw) as ConfigFileContent;
    const note = checked.ok ? "" : " (it does not validate yet: fix it before publishing)";
    return { fileName: "tta-config-working.yaml", yaml: serialiseConfigFile(content, `the working copy${note}`) };
  }
  const row = await db.configRevision.findUnique({ where: { number: source.revision }, select: { number: true, snapshot: true } });
  if (!row) throw new NotFoundError(`revision ${source.revision} does not exist`);
  const checked = normaliseSnapshot(row.snapshot);
  const content = (checked.ok ? checked.snapshot : row.snapshot) as ConfigFileContent;
  return { fileName: `tta-config-rev-${row.number}.yaml`, yaml: serialiseConfigFile(content, `revision ${row.number}`) };
}
