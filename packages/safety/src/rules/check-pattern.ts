// What a raw regex rule must satisfy: it compiles, it does not renumber the groups the compiler
// relies on (no backreferences, no named groups), and it has no nested quantifier such as (a+)+,
// the usual shape of catastrophic backtracking. Patterns run on normalized, lower-case text.

const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}]\)[+*{]/;

export function checkPattern(source: string): string | null {
  try {
    new RegExp(source);
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}`;
  }
  if (/\\[1-9]|\\k</.test(source)) return "backreferences are not supported";
  if (/\(\?<[a-zA-Z]/.test(source)) return "named groups are not supported; use (?: ) instead";
  if (NESTED_QUANTIFIER.test(source)) return "nested quantifiers such as (a+)+ can take exponential time";
  if (new RegExp(source).exec("") || new RegExp(source).exec("a b")?.[0] === "") return "the pattern can match empty text";
  if (/[A-Z]/.test(source.replace(/\\[A-Z]/g, ""))) return "patterns run on lower-case text: write them in lower case";
  return null;
}
