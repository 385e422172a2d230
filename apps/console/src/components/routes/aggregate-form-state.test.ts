import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ZRoute } from "@tta/domain/browser";
import { EMPTY_PART } from "./aggregate-form-state.ts";
import { EMPTY_ROUTE, fieldOf, groupErrors, toFormState, toRouteInput, validateLocally } from "./route-form-state.ts";

const CRISIS = { lines: [{ name: "988 Suicide & Crisis Lifeline", phone: "988" }] };
const overview = ZRoute.parse({
  name: "player-overview",
  path: "/api/overview/:id",
  service: "players",
  methods: ["GET"],
  retryPolicy: { attempts: 2 },
  kind: "aggregate",
  maskResponsePii: true,
  aggregate: {
    parts: [
      { key: "player", service: "players", path: "/players/:id" },
      { key: "sessions", service: "sessions", path: "/sessions?player=:id", method: "POST", timeoutMs: 800, required: false },
      { key: "crisisResources", service: "safety", path: "/resources", fallback: CRISIS },
    ],
  },
});
const form = { ...EMPTY_ROUTE, name: "overview", path: "/api/overview/:id", service: "players", kind: "aggregate" as const };

describe("aggregation route form state", () => {
  it("round-trips an aggregation route through the form, the fallback as JSON text", () => {
    const state = toFormState(overview);
    assert.equal(state.kind, "aggregate");
    assert.deepEqual(state.aggregateParts[1], { key: "sessions", service: "sessions", method: "POST", path: "/sessions?player=:id", timeoutMs: "800", required: false, fallback: "" });
    assert.deepEqual(JSON.parse(state.aggregateParts[2]!.fallback), CRISIS);
    assert.deepEqual(ZRoute.parse(toRouteInput(state)), overview);
  });

  it("an aggregation route sends none of what only a proxy route has; back to proxy, the parts are cleared", () => {
    const proxy = ZRoute.parse({ name: "players-api", path: "/api/players/:id", service: "players", rewrite: "/players/:id", websocket: true, cachePolicy: { ttlSeconds: 30 } });
    const switched = { ...toFormState(proxy), kind: "aggregate" as const, aggregateParts: [{ ...EMPTY_PART, key: "player", service: "players", path: "/players/:id" }] };
    const input = toRouteInput(switched);
    assert.deepEqual([input.rewrite, input.websocket, input.websocketPolicy], [null, false, null]);
    assert.equal(ZRoute.parse(input).cachePolicy?.enabled, false, "the stored policy is kept, switched off");
    assert.deepEqual(validateLocally(switched), {});
    assert.equal(toRouteInput({ ...toFormState(overview), kind: "proxy" }).aggregate, null);
  });

  it("puts part errors under the part's own fields, and the list's under the list", () => {
    assert.equal(fieldOf("aggregate.parts.1.path"), "aggregateParts.1.path");
    assert.equal(fieldOf("aggregate.parts.0.fallback"), "aggregateParts.0.fallback");
    assert.equal(fieldOf("aggregate.parts"), "aggregateParts");
    assert.equal(fieldOf("aggregate"), "aggregateParts");
    assert.equal(fieldOf("aggregate.parts.3"), "aggregateParts");
    const errors = validateLocally({
      ...form,
      timeoutMs: "1000",
      aggregateParts: [
        { ...EMPTY_PART, key: "player", service: "players", path: "/players/:who" },
        { ...EMPTY_PART, key: "player", service: "", path: "players", timeoutMs: "2000" },
      ],
    });
    assert.match(errors["aggregateParts.0.path"] ?? "", /:who which the path does not capture/);
    assert.match(errors["aggregateParts.1.key"] ?? "", /another part already has the key "player"/);
    assert.match(errors["aggregateParts.1.path"] ?? "", /must start with \//);
    assert.match(errors["aggregateParts.1.service"] ?? "", /choose the service this part calls/);
    assert.match(errors["aggregateParts.1.timeoutMs"] ?? "", /at most the route's timeout \(1000 ms\)/);
    assert.equal(errors["aggregateParts.0.timeoutMs"], "must be at most the route's timeout (1000 ms)", "the 5000 ms default is over it too");
    assert.match(validateLocally({ ...form, aggregateParts: [] }).aggregateParts ?? "", /at least one part/);
  });

  it("a fallback that is not JSON says so; an optional part's hidden fallback is not sent", () => {
    const state = { ...form, aggregateParts: [{ ...EMPTY_PART, key: "crisis", service: "safety", path: "/r", fallback: "{lines: 988" }] };
    assert.match(validateLocally(state)["aggregateParts.0.fallback"] ?? "", /^is not valid JSON/);
    const server = groupErrors([{ path: "aggregate.parts.0.fallback", message: "must be a JSON object or list, e.g. the crisis resources to show" }], state);
    assert.match(server["aggregateParts.0.fallback"] ?? "", /^is not valid JSON/, "the JSON problem, not the schema's");
    const optional = { ...state, aggregateParts: [{ ...state.aggregateParts[0]!, required: false }] };
    assert.equal(toRouteInput(optional).aggregate?.parts[0]?.fallback, null);
    assert.deepEqual(validateLocally(optional), {});
  });
});
