// The working safety rule set: the safety_rule_sets row named "default" (none = the built-in
// DEFAULT_SAFETY_RULES). Edited here, validated with @tta/safety, audited; it reaches gateways
// with the next publish (readWorkingSnapshot puts it in the snapshot as `safetyRules`).
import { newId, type TSafetyRulesRecord } from "@tta/domain";
import { DEFAULT_SAFETY_RULES, validateSafetyRules } from "@tta/safety/rules";
import type { Db, Tx } from "../client.ts";
import { writeAudit } from "../audit.ts";
import { ConfigValidationError } from "../errors.ts";
import type { ChangeContext } from "./routes.ts";

export const WORKING_RULE_SET = "default";

/** The working rules as the snapshot carries them: null = the built-in defaults. */
export async function readWorkingSafetyRules(tx: Tx | Db): Promise<unknown> {
  const row = await tx.safetyRuleSet.findUnique({ where: { name: WORKING_RULE_SET }, select: { rules: true } });
  return row?.rules ?? null;
}

export async function getSafetyRules(db: Db): Promise<TSafetyRulesRecord> {
  const row = await db.safetyRuleSet.findUnique({ where: { name: WORKING_RULE_SET }, select: { rules: true, updatedAt: true } });
  return row ? { rules: row.rules, isDefault: false, updatedAt: row.updatedAt } : { rules: DEFAULT_SAFETY_RULES, isDefault: true, updatedAt: null };
}

/**
 * Replaces the working rule set with a validated one (stored as parsed: defaults filled in,
 * phrases trimmed and lower-cased), or with null goes back to the built-in defaults. Field
 * errors carry the rule set's own paths ("categories.0.phrases.3.phrase").
 */
export async function setSafetyRules(db: Db, input: unknown, ctx: ChangeContext): Promise<TSafetyRulesRecord> {
  let rules: object | null = null;
  if (input !== null) {
    const check = validateSafetyRules(input);
    if (!check.ok) throw new ConfigValidationError(check.errors, "The safety rules are not valid; nothing was saved.");
    rules = JSON.parse(JSON.stringify(check.rules)) as object;
  }
  return db.$transaction(async (tx) => {
    const before = await tx.safetyRuleSet.findUnique({ where: { name: WORKING_RULE_SET }, select: { id: true, rules: true } });
    if (rules === null) {
      if (before) await tx.safetyRuleSet.delete({ where: { id: before.id } });
      await writeAudit(tx, { ...ctx, action: "safety_rules.reset", entityType: "safety_rule_set", entityId: before?.id ?? null, before: before?.rules ?? null, after: null });
      return { rules: DEFAULT_SAFETY_RULES, isDefault: true, updatedAt: null };
    }
    const row = await tx.safetyRuleSet.upsert({
      where: { name: WORKING_RULE_SET },
      create: { id: newId("safetyRuleSet"), name: WORKING_RULE_SET, rules, enabled: true },
      update: { rules, enabled: true },
      select: { id: true, rules: true, updatedAt: true },
    });
    await writeAudit(tx, { ...ctx, action: "safety_rules.update", entityType: "safety_rule_set", entityId: row.id, before: before?.rules ?? null, after: rules });
    return { rules: row.rules, isDefault: false, updatedAt: row.updatedAt };
  });
}

/** Makes the working row match a snapshot's `safetyRules` (rollback, seed). */
export async function restoreSafetyRules(tx: Tx, rules: unknown): Promise<void> {
  if (rules === null || rules === undefined) {
    await tx.safetyRuleSet.deleteMany({ where: { name: WORKING_RULE_SET } });
    return;
  }
  const data = { rules: rules as object, enabled: true };
  await tx.safetyRuleSet.upsert({ where: { name: WORKING_RULE_SET }, create: { id: newId("safetyRuleSet"), name: WORKING_RULE_SET, ...data }, update: data });
}
