// JSON, whatever the Content-Type says: a text that parses as JSON is walked as JSON. A text that
// looks like JSON but does not parse (cut short, a trailing comma, single quotes) is not scanned as
// one string either: the quote marks of `"text": "I want to die"` would make the scanner read the
// player's words as a quotation (and so not theirs). Its string literals are taken out, unescaped
// where they can be, and scanned as the player's text, with what lies between them (unquoted
// words), so nothing in it goes unscanned.
const OPENERS = new Set([0x7b, 0x5b]); // { [

/** The parsed value when `text` is JSON; undefined when it is not. */
export function sniffJson(text: string): unknown {
  const first = firstNonSpace(text);
  if (first === -1) return undefined;
  const c = text.charCodeAt(first);
  if (!OPENERS.has(c) && c !== 0x22) return undefined; // plain text: no parse attempted, no throw
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether a text that did not parse was meant to be JSON (starts like an object or array). */
export function looksLikeJson(text: string): boolean {
  const first = firstNonSpace(text);
  return first !== -1 && OPENERS.has(text.charCodeAt(first));
}

/**
 * The pieces of broken JSON: each string literal (unescaped), and the unquoted words between them
 * with the punctuation dropped. An unclosed literal runs to the end.
 */
export function brokenJsonTexts(text: string): string[] {
  const out: string[] = [];
  let between = "";
  const flush = () => {
    const words = between.replace(/[{}[\]:,]+/g, " ").replace(/\b(true|false|null)\b/g, " ").replace(/\s+/g, " ").trim();
    if (/\p{L}/u.test(words)) out.push(words);
    between = "";
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const quote = text[i];
    // A ' opens a literal only where a value may start ({'a': 'b'}), not in "can't".
    if (quote !== '"' && !(quote === "'" && /(^|[{[,:])\s*$/.test(between.slice(-32)))) {
      between += quote;
      i++;
      continue;
    }
    flush();
    let j = i + 1;
    while (j < n && text[j] !== quote) j += text[j] === "\\" ? 2 : 1;
    const raw = text.slice(i + 1, Math.min(j, n));
    out.push(unescape(raw, quote));
    i = j + 1;
  }
  flush();
  return out.filter((s) => s.trim() !== "");
}

function unescape(raw: string, quote: string): string {
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(quote === '"' ? `"${raw}"` : `"${raw.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
  } catch {
    return raw.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\n|\\r|\\t/g, " ").replace(/\\(.)/g, "$1");
  }
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return i;
  }
  return -1;
}
