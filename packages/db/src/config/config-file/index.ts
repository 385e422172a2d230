export { exportConfigFile, type ExportSource } from "./export.ts";
export { previewConfigImport } from "./preview.ts";
export { applyConfigImport, type ApplyConfigInput } from "./apply.ts";
export { readConfigFile } from "./read-file.ts";
export { normaliseSnapshot } from "./normalise.ts";
