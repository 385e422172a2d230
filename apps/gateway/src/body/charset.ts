// Bytes to text for the scanner. The charset is, in order: a byte order mark (UTF-8, UTF-16LE/BE;
// it wins over the header, as WHATWG's decode does), the pattern of NUL bytes that UTF-16 text
// without a BOM has (no single-byte text has it, whatever its header says), the Content-Type's
// charset, then UTF-8, and windows-1252 when the bytes are not
// UTF-8 (what a Latin-1 client sends without saying so). Labels are WHATWG's (latin1 and
// iso-8859-1 are windows-1252). A charset nobody can decode is "unscannable", as is a body that
// decodes to binary noise (control characters), so it is never waved through as scanned.
import { TextDecoder } from "node:util";

export type DecodedText = { readonly kind: "ok"; readonly text: string; readonly charset: string } | { readonly kind: "unscannable"; readonly reason: "charset" | "binary"; readonly message: string };

const decoders = new Map<string, TextDecoder>();
const utf8Fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function decoder(label: string): TextDecoder | null {
  let d = decoders.get(label);
  if (!d) {
    try {
      d = new TextDecoder(label); // not fatal: a bad byte becomes U+FFFD, the rest is still read
    } catch {
      return null; // RangeError: not a charset WHATWG knows
    }
    if (decoders.size < 32) decoders.set(label, d);
  }
  return d;
}

function bomCharset(b: Uint8Array): string | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return null;
}

/** UTF-16 without a BOM: text in Latin script has a NUL in every other byte. */
function sniffUtf16(b: Uint8Array): string | null {
  const n = Math.min(b.length, 512) & ~1;
  if (n < 4 || b.subarray(0, n).indexOf(0) === -1) return null; // the common case, natively
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.1) return "utf-16le";
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.1) return "utf-16be";
  return null;
}

export function decodeCharset(bytes: Uint8Array, declared: string | undefined): DecodedText {
  // The NUL pattern wins over a declared charset: no single-byte text has a NUL in every other byte.
  const charset = bomCharset(bytes) ?? sniffUtf16(bytes) ?? declared?.trim().toLowerCase();
  let text: string;
  let used: string;
  if (charset) {
    const d = decoder(charset);
    if (!d) return { kind: "unscannable", reason: "charset", message: `The request body's charset (${charset}) cannot be read by this route; send it as UTF-8.` };
    text = d.decode(bytes);
    used = d.encoding;
  } else {
    try {
      text = utf8Fatal.decode(bytes);
      used = "utf-8";
    } catch {
      text = decoder("windows-1252")!.decode(bytes);
      used = "windows-1252";
    }
  }
  if (looksBinary(text)) return { kind: "unscannable", reason: "binary", message: "The request body is not text, so it cannot be checked here; send the message as text or JSON." };
  return { kind: "ok", text, charset: used };
}

/** Control characters (other than tab, line breaks, form feed) or U+FFFD in more than 1 of 20 characters, or any NUL. */
const ODD = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/;

export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 4096);
  if (!ODD.test(n === text.length ? text : text.slice(0, n))) return false; // the common case, natively
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) odd++;
  }
  return odd * 20 > n;
}
