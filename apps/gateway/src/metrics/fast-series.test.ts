import { test } from "node:test";
import assert from "node:assert/strict";
import { Counter, Histogram, Registry } from "prom-client";
import { FastCounter, FastHistogram } from "./fast-series.ts";

const buckets = [0.005, 0.01, 0.1, 1];
const values = [0.001, 0.005, 0.0051, 0.02, 0.5, 1, 3, 0.01];

test("the exposition is the same text prom-client's own Counter and Histogram produce", async () => {
  const mine = new Registry();
  const theirs = new Registry();
  const fastCounter = new FastCounter(mine, { name: "t_requests_total", help: "Requests.", labelNames: ["route", "status_class"] });
  const fastHistogram = new FastHistogram(mine, { name: "t_duration_seconds", help: "Latency.", labelNames: ["route"], buckets });
  const counter = new Counter({ name: "t_requests_total", help: "Requests.", labelNames: ["route", "status_class"], registers: [theirs] });
  const histogram = new Histogram({ name: "t_duration_seconds", help: "Latency.", labelNames: ["route"], buckets, registers: [theirs] });

  for (const [route, cls, n] of [["a", "2xx", 3], ["a", "5xx", 1], ['we"ird\\', "2xx", 2]] as const) {
    fastCounter.child(route, cls).value += n;
    counter.inc({ route, status_class: cls }, n);
  }
  for (const v of values) {
    fastHistogram.child("a").observe(v);
    histogram.observe({ route: "a" }, v);
  }
  assert.equal(await mine.metrics(), await theirs.metrics());
});

test("a child is created once per label values and kept", () => {
  const registry = new Registry();
  const c = new FastCounter(registry, { name: "x_total", help: "x", labelNames: ["a", "b"] });
  assert.equal(c.child("1", "2"), c.child("1", "2"));
  assert.notEqual(c.child("1", "2"), c.child("12", ""));
});
