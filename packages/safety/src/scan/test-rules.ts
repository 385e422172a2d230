// The default rules compiled once for the scanner's tests, and small helpers.
import { compileSafetyRules } from "../compile/compile.ts";
import { DEFAULT_SAFETY_RULES } from "../rules/defaults/index.ts";
import { scan } from "./scan.ts";

export const rules = compileSafetyRules(DEFAULT_SAFETY_RULES);

export const crisisOf = (text: string) => scan(text, rules).crisis.categories;
export const reasonsOf = (text: string) => scan(text, rules).suppressed.map((s) => s.reason);
