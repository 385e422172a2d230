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

// A content digest (a revision's sha256 checksum) is hex and long, which is what the random-run
// detector masks as a possible secret; under a key that names a digest, a bare hex value is not one.
const DIGEST_KEY = /^(?:checksum|sha(?:1|224|256|384|512)|digest|etag)$/;
const HEX_DIGEST = /^(?:sha(?:1|224|256|384|512)[:-])?[a-f0-9]{32,128}$/i;

export function isDigestField(key: string, value: unknown): boolean {
  return typeof value === "string" && DIGEST_KEY.test(key.toLowerCase().replace(/[-_\s]/g, "")) && HEX_DIGEST.test(value);
}
