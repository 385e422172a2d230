// Snapshot -> configuration file. Keys come out in a fixed order (the header, then the snapshot's
// own schema order, since callers pass a parsed snapshot), so the same configuration always gives
// the same text and a download -> upload round trip has nothing to diff.
import { Document } from "yaml";
import { CONFIG_FILE_API_VERSION, CONFIG_FILE_KIND } from "./format.ts";

/** What a file holds: a snapshot's entities (route ids are dropped). */
export interface ConfigFileContent {
  services: readonly unknown[];
  rateLimitPolicies: readonly unknown[];
  authPolicies: readonly unknown[];
  routes: ReadonlyArray<Record<string, unknown>>;
  safetyRules: unknown;
}

export function configFileDocument(snapshot: ConfigFileContent): Record<string, unknown> {
  return {
    apiVersion: CONFIG_FILE_API_VERSION,
    kind: CONFIG_FILE_KIND,
    services: snapshot.services,
    rateLimitPolicies: snapshot.rateLimitPolicies,
    authPolicies: snapshot.authPolicies,
    routes: snapshot.routes.map(({ id: _id, ...route }) => route),
    safetyRules: snapshot.safetyRules ?? null,
  };
}

/** `source` goes in the header comment ("revision 12", "the working copy"). */
export function serialiseConfigFile(snapshot: ConfigFileContent, source: string): string {
  // aliasDuplicateObjects off: a shared default object must be written out, not as &a1 / *a1.
  const doc = new Document(configFileDocument(snapshot), { aliasDuplicateObjects: false });
  doc.commentBefore = [
    ` TTA Gateway configuration: ${source}.`,
    " Upload it on the console's Revisions page (entities are matched by name; ids are generated).",
    " No secrets: an auth policy's secretRef names the gateway's environment variable that holds the secret.",
  ].join("\n");
  return doc.toString({ lineWidth: 0 });
}
