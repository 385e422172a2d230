// Field names whose value is masked whole, whatever it looks like: {"password": "hunter2"},
// {"dateOfBirth": "2009-03-14"}. Matched on the name with case, "-" and "_" ignored.
import type { PiiKind } from "./detectors.ts";

const RULES: readonly [RegExp, PiiKind][] = [
  [
    /^(?:pass(?:word|wd|phrase)?|pwd|secret|clientsecret|apikey|xapikey|privatekey|(?:access|refresh|id|auth|session|bearer|csrf|xsrf|api)?token|authorization|proxyauthorization|cookie|setcookie|credentials?)$/,
    "secret",
  ],
  [/^(?:ssn|socialsecurity(?:number|no)?)$/, "ssn"],
  [/^(?:dob|dateofbirth|birthdate|birthday)$/, "dob"],
  [/^(?:mrn|medicalrecord(?:number|no|id)?)$/, "mrn"],
  [/^(?:cardnumber|ccnumber|creditcard(?:number)?|pan)$/, "card"],
  [/^(?:e?mail(?:address)?)$/, "email"],
  [/^(?:phone(?:number)?|mobile(?:number)?|cell(?:phone)?|tel(?:ephone)?)$/, "phone"],
];

export function sensitiveKeyKind(key: string): PiiKind | null {
  if (key.length > 40) return null;
  const name = key.toLowerCase().replace(/[-_\s]/g, "");
  for (const [re, kind] of RULES) if (re.test(name)) return kind;
  return null;
}
