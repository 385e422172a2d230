// The kinds of personal data and secrets we mask, each as a precompiled, bounded regex (no match is
// longer than MAX_PII_MATCH, which is what lets the streaming masker carry a bounded tail).
// A detector may keep a leading context ("date of birth: ") and mask only what follows it.
import { cardPrefixLength } from "./luhn.ts";

export const PII_KINDS = ["secret", "email", "card", "ssn", "dob", "mrn", "phone"] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export const PII_LABELS: Record<PiiKind, string> = {
  secret: "[SECRET]",
  email: "[EMAIL]",
  card: "[CARD]",
  ssn: "[SSN]",
  dob: "[DOB]",
  mrn: "[MRN]",
  phone: "[PHONE]",
};

export interface Detector {
  kind: PiiKind;
  regex: RegExp;
  /** Characters of the match to keep (a context word), or -1 when the match is rejected. */
  keep?: (m: RegExpExecArray) => number;
  /** Characters to mask from `keep` on, when shorter than the match (a card inside a longer run). */
  length?: (m: RegExpExecArray, keep: number) => number;
}

export const MAX_PII_MATCH = 4096;

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\\.?";
const DATE = `(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH},? \\d{4})`;
const keepGroup1 = (m: RegExpExecArray) => m[1]!.length;
const digitCount = (s: string) => s.replace(/\D/g, "").length;

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** Random-looking: upper, lower and digits, and about as varied as random text is. */
const looksRandom = (m: RegExpExecArray) => (/[A-Z]/.test(m[0]) && /[a-z]/.test(m[0]) && /\d/.test(m[0]) && entropy(m[0]) >= 4.2 ? 0 : -1);

/** In priority order: where two matches overlap, the earlier detector wins. */
export const DETECTORS: readonly Detector[] = [
  { kind: "secret", regex: /\beyJ[A-Za-z0-9_-]{8,1300}\.[A-Za-z0-9_-]{8,1300}\.[A-Za-z0-9_-]{8,1300}/g },
  { kind: "secret", regex: /(-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----)/g },
  {
    kind: "secret",
    regex: /\b(?:(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,128}|sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,200}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{40,255}|xox[abprs]-[A-Za-z0-9-]{10,200}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,100}|npm_[A-Za-z0-9]{36})\b/g,
  },
  // "Bearer x" always; "token x" / "basic x" only when x looks like a credential (has a digit).
  { kind: "secret", regex: /(\b(?:bearer|basic|token)\s+)[A-Za-z0-9._~+/-]{16,2048}=*/gi, keep: (m) => (/^bearer/i.test(m[1]!) || /\d/.test(m[0].slice(m[1]!.length)) ? m[1]!.length : -1) },
  { kind: "secret", regex: /(\b(?:password|passwd|pwd|passphrase)["']?\s*[:=]\s*["']?)[^\s"'&,;]{4,512}/gi, keep: keepGroup1 },
  {
    kind: "secret",
    regex: /(\b(?:secret|client[_-]?secret|api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|auth[_-]?token|token)["']?\s*[:=]\s*["']?)[A-Za-z0-9._~+/=-]{12,512}/gi,
    keep: (m) => (/\d/.test(m[0].slice(m[1]!.length)) ? m[1]!.length : -1),
  },
  { kind: "email", regex: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,6}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g },
  {
    kind: "card",
    regex: /(?<![0-9][ -]?)\d(?:[ -]?\d){12,26}(?![0-9])/g,
    keep: (m) => (cardPrefixLength(m[0]) > 0 ? 0 : -1),
    length: (m) => cardPrefixLength(m[0]),
  },
  { kind: "ssn", regex: /(?<![0-9])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![0-9])/g },
  { kind: "ssn", regex: /(\b(?:ssn|social security(?: number| no\.?)?|ss#)["']?\s*(?:is|:|#|=)?\s*["']?)\d{9}(?![0-9])/gi, keep: keepGroup1 },
  { kind: "dob", regex: new RegExp(`(\\b(?:dob|d\\.o\\.b\\.?|date[ _]?of[ _]?birth|birth[ _]?date|birthday|born(?: on| in)?)\\b[\\s:=#"'-]{0,6}(?:is |was |of )?)${DATE}(?![0-9])`, "gi"), keep: keepGroup1 },
  {
    kind: "mrn",
    regex: /(\b(?:mrn|medical record(?: number| no\.?| #)?|patient (?:id|number|no\.?)|chart (?:number|no\.?))[\s:#="'-]{0,6}(?:is |was )?(?:mrn[\s:#-]{0,3})?)([A-Z0-9][A-Z0-9-]{4,19})\b/gi,
    keep: (m) => (digitCount(m[2]!) >= 4 ? m[1]!.length : -1),
  },
  {
    kind: "phone",
    regex: /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![0-9])/g,
    keep: (m) => (digitCount(m[0]) >= 8 && digitCount(m[0]) <= 15 ? 0 : -1),
  },
  { kind: "phone", regex: /(?<![\w+])(?:1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![0-9])/g },
  { kind: "phone", regex: /(\b(?:phone|tel|mobile|cell|call me|text me|whatsapp)\b[^0-9\n]{0,12})\d{10,11}(?![0-9])/gi, keep: keepGroup1 },
  // Long random runs last: base64 before hex, so a hex stretch inside a base64 secret does not
  // leave the rest of it unmasked. No boundaries: a run longer than the bound is masked in pieces.
  { kind: "secret", regex: /[A-Za-z0-9+/_-]{40,1024}={0,2}/g, keep: looksRandom },
  { kind: "secret", regex: /[a-fA-F0-9]{32,1024}/g, keep: (m) => (/\d/.test(m[0]) && /[a-fA-F]/.test(m[0]) ? 0 : -1) },
];
