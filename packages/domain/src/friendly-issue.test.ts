import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { toFieldErrors } from "./validation.ts";

const schema = z
  .object({
    attempts: z.number().int().min(1).max(10),
    name: z.string().min(2).max(3),
    mode: z.enum(["off", "monitor"]),
    url: z.string().url(),
    tags: z.array(z.string()).max(1),
    on: z.boolean(),
    step: z.number().multipleOf(5),
    owner: z.string(),
    custom: z.string().min(5, "say a little more"),
  })
  .strict();

function messages(input: unknown): Record<string, string> {
  const parsed = schema.safeParse(input);
  assert.equal(parsed.success, false);
  return Object.fromEntries(toFieldErrors(parsed.error!).map((e) => [e.path || "(form)", e.message]));
}

test("zod's default messages become plain words, with the limits the schema sets", () => {
  const m = messages({ attempts: 1.5, name: "abcd", mode: "x", url: "nope", tags: ["a", "b"], on: "yes", step: 7, custom: "hi", extra: 1 });
  assert.equal(m.attempts, "must be a whole number");
  assert.equal(m.name, "must be at most 3 characters");
  assert.equal(m.mode, "must be one of off or monitor");
  assert.equal(m.url, "must be a URL such as https://example.org");
  assert.equal(m.tags, "must have at most 1 entry");
  assert.equal(m.on, "must be true or false");
  assert.equal(m.step, "must be a multiple of 5");
  assert.equal(m.owner, "is required");
  assert.equal(m["(form)"], "unknown field: extra");
});

test("numbers over and under their bounds, and a schema's own message kept", () => {
  const m = messages({ attempts: 11, name: "a", mode: "off", url: "http://x", tags: [], on: true, step: 5, owner: "o", custom: "hi" });
  assert.equal(m.attempts, "must be at most 10");
  assert.equal(m.name, "must be at least 2 characters");
  assert.equal(m.custom, "say a little more");
  assert.equal(messages({ attempts: 0 }).attempts, "must be at least 1");
  assert.equal(messages({ attempts: Number.NaN }).attempts, "must be a number");
});
