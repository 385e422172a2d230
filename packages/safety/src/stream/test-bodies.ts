// Bodies for the streaming tests: text with every kind of PII spread through filler, and a way to
// cut any body into chunks.
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const PII = [
  "mail sam.lee@example.org now",
  "call (555) 123-4567 or +44 20 7946 0958",
  "ssn 123-45-6789",
  "card 4111 1111 1111 1111 ok",
  "date of birth: 03/14/2009",
  "MRN: 00123456",
  `Bearer ${JWT}`,
  "key sk_live_4eC39HqLyjWDarjtT1zdp7dc",
];

export function textWithPii(size: number): string {
  let out = "";
  let i = 0;
  while (out.length < size) out += `the party rests at the inn, day ${i}. `.repeat(3) + PII[i++ % PII.length] + ". ";
  return out;
}

export function chunks(text: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  for (let at = 0, k = 0; at < text.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(text.slice(at, at + n));
    at += n;
  }
  return out;
}

export const SECRETS = ["sam.lee@example.org", "123-4567", "7946 0958", "123-45-6789", "4111 1111", "03/14/2009", "00123456", JWT.slice(0, 20), "sk_live_"];
