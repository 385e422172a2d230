import assert from "node:assert/strict";
import { test } from "node:test";
import { mediaRangeMatcher } from "./media-ranges.ts";

test("exact types, type/* and type/*+suffix; parameters and case do not matter", () => {
  const matches = mediaRangeMatcher(["application/json", "text/*", "application/*+json"]);
  for (const yes of ["application/json", "Application/JSON; charset=utf-8", "text/html", "text/event-stream", "application/problem+json", "application/vnd.api+json;v=1"]) assert.equal(matches(yes), true, yes);
  for (const no of ["", "json", "application/jsonx", "application/+json", "application/xml", "image/svg+xml", "textual/html", "text/", "/json", "application/json-seq"]) assert.equal(matches(no), false, no);
});

test("the default list leaves server-sent events and binary types out", () => {
  const matches = mediaRangeMatcher(["text/html", "text/plain", "application/json", "application/*+xml", "image/svg+xml"]);
  assert.equal(matches("text/event-stream"), false);
  assert.equal(matches("image/png"), false);
  assert.equal(matches("image/svg+xml"), true);
  assert.equal(matches("application/atom+xml"), true);
});
