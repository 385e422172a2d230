import assert from "node:assert/strict";
import { test } from "node:test";
import { colourOf, PALETTE } from "./series-colours.ts";

/** WCAG relative luminance contrast against white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (l + 0.05);
}

test("a name always gets the same colour, whatever else is drawn and in whatever order", () => {
  const names = ["players-api", "chat-api", "auth-refresh", "sessions-api", "narrative-ws", "(unmatched)"];
  const first = names.map(colourOf);
  assert.deepEqual([...names].reverse().map(colourOf).reverse(), first);
  assert.ok(new Set(first).size >= 4, `similar names spread over the palette: ${first.join(" ")}`);
  for (const c of first) assert.ok((PALETTE as readonly string[]).includes(c));
});

test("every palette colour has at least 4.5:1 contrast on white", () => {
  for (const c of PALETTE) assert.ok(contrastOnWhite(c) >= 4.5, `${c}: ${contrastOnWhite(c).toFixed(2)}`);
});
