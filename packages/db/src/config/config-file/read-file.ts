// Reads an uploaded configuration file into a snapshot that publish would accept, or throws
// ConfigValidationError with the file's field paths (routes[3].path) and lines. The domain parser
// checks the YAML and the snapshot schema; the safety side (rule set, routes' blocked categories)
// is checked here with @tta/safety, as publish checks it.
import { fieldPathOfDotted, parseConfigFile, pathSegments, UNKNOWN_FIELD_MESSAGE, unknownFields, type FieldError, type TSnapshot } from "@tta/domain";
import { checkSnapshotSafety, validateSafetyRules } from "@tta/safety/rules";
import { ConfigValidationError } from "../../errors.ts";

const REFUSED = "The file is not a valid configuration; nothing was changed.";

export function readConfigFile(text: string): TSnapshot {
  const parsed = parseConfigFile(text);
  if (!parsed.ok) throw new ConfigValidationError(parsed.errors, REFUSED);
  const { snapshot, locate } = parsed;
  const at = (dotted: string, message: string): FieldError => {
    const line = locate(pathSegments(dotted));
    return { path: fieldPathOfDotted(dotted), message: line ? `${message} (line ${line})` : message };
  };

  let safetyRules: unknown = null;
  if (snapshot.safetyRules !== null) {
    const rules = validateSafetyRules(snapshot.safetyRules);
    if (!rules.ok) throw new ConfigValidationError(rules.errors.map((e) => at(e.path ? `safetyRules.${e.path}` : "safetyRules", e.message)), REFUSED);
    const unknown = unknownFields(snapshot.safetyRules, rules.rules, ["safetyRules"]);
    if (unknown.length) throw new ConfigValidationError(unknown.map((s) => at(s.join("."), UNKNOWN_FIELD_MESSAGE)), REFUSED);
    safetyRules = JSON.parse(JSON.stringify(rules.rules)) as unknown;
  }
  const result = { ...snapshot, safetyRules };
  const unsafe = checkSnapshotSafety(result);
  if (unsafe.length) throw new ConfigValidationError(unsafe.map((e) => at(e.path, e.message)), REFUSED);
  return result;
}
