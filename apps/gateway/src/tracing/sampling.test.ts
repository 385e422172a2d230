import { test } from "node:test";
import assert from "node:assert/strict";
import { ROOT_CONTEXT } from "@opentelemetry/api";
import { TraceIdRatioBasedSampler } from "@opentelemetry/sdk-trace";
import { newTraceId } from "./random-ids.ts";
import { sampledAtRatio } from "./sampling.ts";

test("the ratio decision is the SDK's: the same trace ids are sampled with and without an exporter", () => {
  for (const ratio of [0, 0.01, 0.3, 0.5, 0.999, 1]) {
    const sdk = new TraceIdRatioBasedSampler(ratio);
    let sampled = 0;
    for (let i = 0; i < 2_000; i++) {
      const id = newTraceId();
      const ours = sampledAtRatio(id, ratio);
      assert.equal(ours, sdk.shouldSample(ROOT_CONTEXT, id).decision === 2, `${ratio} ${id}`);
      if (ours) sampled++;
    }
    if (ratio === 0) assert.equal(sampled, 0);
    if (ratio === 1) assert.equal(sampled, 2_000);
    if (ratio === 0.5) assert.ok(sampled > 800 && sampled < 1_200, `about half: ${sampled}`);
  }
});
