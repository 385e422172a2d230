// Where the console may send a browser after sign-in: a path of its own origin, nothing else.
// Browsers forgive a lot in URLs (backslashes count as slashes, tabs and newlines vanish), so a
// value is judged by what it resolves to, and anything a browser might read two ways is refused.

/** Control characters (tab, newline, NUL …) and backslashes: refused in any form. */
const AMBIGUOUS = /[\u0000-\u001f\u007f\\]/;

function decoded(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * `value` (a callbackUrl: a path or an absolute URL) as a path on `origin`, or "/" when it would
 * leave that origin or is ambiguous. The answer always starts with exactly one "/".
 */
export function safeRedirectPath(value: string | null | undefined, origin: string): string {
  if (!value) return "/";
  const plain = decoded(value);
  if (plain === null || AMBIGUOUS.test(value) || AMBIGUOUS.test(plain)) return "/";
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return "/";
  }
  if (target.origin !== new URL(origin).origin) return "/";
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "/.//host" resolves to the path "//host", which a browser reads as another host.
  if (path.startsWith("//") || /^\/%2f/i.test(path) || decoded(path)?.startsWith("//")) return "/";
  return path;
}
