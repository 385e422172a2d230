// zod's own messages ("Too big: expected number to be <=10") read like a library talking; forms and
// API errors say the same thing in plain words. Messages a schema sets itself are kept as they are.
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

// zod 4's default messages all start like this; a schema's own message never should.
const DEFAULT_MESSAGE = /^(Invalid input|Too big:|Too small:|Invalid option|Invalid number|Invalid string|Invalid URL|Invalid [a-zA-Z ]*$|Unrecognized key)/;

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

function bound(issue: { origin: string; inclusive?: boolean }, limit: number | bigint | Date | string, most: boolean): string {
  const word = most ? (issue.inclusive === false ? "less than" : "at most") : issue.inclusive === false ? "more than" : "at least";
  const n = Number(limit);
  switch (issue.origin) {
    case "string":
      if (!most && n === 1) return "is required";
      return `must be ${word} ${n} character${n === 1 ? "" : "s"}`;
    case "array":
    case "set":
      if (!most && n === 1) return "needs at least one entry";
      return `must have ${word} ${n} entr${n === 1 ? "y" : "ies"}`;
    default:
      return `must be ${word} ${n.toLocaleString("en-GB")}`;
  }
}

function quoted(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
}

export function friendlyMessage(issue: Issue): string {
  if (!DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type": {
      // The received type is only in the message (zod keeps the input out of issues unless asked).
      const received = /received (\w+)/.exec(issue.message)?.[1];
      if (received === "undefined") return "is required";
      if (issue.expected === "number" && received === "NaN") return "must be a number";
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    }
    case "too_big":
      return bound(issue, issue.maximum, true);
    case "too_small":
      return bound(issue, issue.minimum, false);
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${quoted(issue.values)}` : `must be one of ${quoted(issue.values)}`;
    case "invalid_format":
      return issue.format === "url" ? "must be a URL such as https://example.org" : `must be a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}`;
    case "invalid_union":
      return "is not one of the accepted shapes";
    default:
      return issue.message;
  }
}
