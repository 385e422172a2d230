// The Luhn checksum that every payment card number carries: only numbers that pass it are masked
// as cards, so order numbers and ids of the same length stay readable.

export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * The longest Luhn-valid card number (13-19 digits) at the start of a digit run written with
 * optional spaces or dashes, ending where a group ends: "4111 1111 1111 1111 123" -> the first 16.
 * Returns its length in characters, or 0.
 */
export function cardPrefixLength(run: string): number {
  const ends: { chars: number; digits: string }[] = [];
  let digits = "";
  for (let i = 0; i < run.length; i++) {
    const c = run[i]!;
    if (c >= "0" && c <= "9") {
      digits += c;
      const next = run[i + 1];
      if (next === undefined || next === " " || next === "-") ends.push({ chars: i + 1, digits });
    }
  }
  for (let k = ends.length - 1; k >= 0; k--) {
    const { chars, digits: d } = ends[k]!;
    if (d.length >= 13 && d.length <= 19 && !/^(\d)\1+$/.test(d) && luhnValid(d)) return chars;
  }
  return 0;
}
