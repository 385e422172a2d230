// Checks that a body is one JSON text (RFC 8259) without building it, and says where it breaks:
// V8's JSON.parse messages do not always carry a position. Nesting deeper than MAX_DEPTH is
// refused too, so an upstream's recursive parser is not the one to find out.
export interface JsonProblem {
  message: string;
  /** 0-based character offset, and 1-based line and column of it. */
  position: number;
  line: number;
  column: number;
}

const MAX_DEPTH = 256;
const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function checkJson(text: string): JsonProblem | null {
  let i = 0;
  const n = text.length;
  const fail = (message: string): JsonProblem => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < i && k < n; k++) if (text.charCodeAt(k) === 0x0a) (line++, (lineStart = k + 1));
    return { message, position: i, line, column: i - lineStart + 1 };
  };
  const ws = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const what = () => (i >= n ? "the end of the body" : `"${text[i]}"`);

  function string(): JsonProblem | null {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return (i++, null);
      if (c < 0x20) return fail("a control character inside a string must be escaped");
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return fail("a \\u escape needs four hex digits");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return (i++, fail("an unknown escape in a string"));
      } else i++;
    }
    return fail("a string is not closed");
  }

  function number(): JsonProblem | null {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "-") return fail(`unexpected ${what()}`);
    i += m[0].length;
    return null;
  }

  function value(depth: number): JsonProblem | null {
    ws();
    if (depth > MAX_DEPTH) return fail(`nested deeper than ${MAX_DEPTH} levels`);
    const c = text[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (text[i] === close) return (i++, null);
      for (;;) {
        if (c === "{") {
          ws();
          if (text[i] !== '"') return fail(`expected a property name in quotes, found ${what()}`);
          const p = string();
          if (p) return p;
          ws();
          if (text[i] !== ":") return fail(`expected ":" after a property name, found ${what()}`);
          i++;
        }
        const p = value(depth + 1);
        if (p) return p;
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === close) return (i++, null);
        return fail(`expected "," or "${close}", found ${what()}`);
      }
    }
    if (c === '"') return string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return number();
    for (const literal of ["true", "false", "null"]) if (text.startsWith(literal, i)) return ((i += literal.length), null);
    return fail(`unexpected ${what()}`);
  }

  const problem = value(0);
  if (problem) return problem;
  ws();
  return i < n ? fail(`unexpected ${what()} after the JSON value`) : null;
}
