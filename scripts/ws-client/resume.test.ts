import assert from "node:assert/strict";
import { test } from "node:test";
import { connectUrl, parseClientArgs, resumeCommand, track, type ResumePoint } from "./resume.ts";

test("arguments: a ws URL, an optional token, and a resume token with its offset", () => {
  assert.deepEqual(parseClientArgs(["ws://127.0.0.1:8080/ws/chat", "--token", "t.k.n"]), { url: "ws://127.0.0.1:8080/ws/chat", token: "t.k.n", resume: null, offset: null });
  assert.deepEqual(parseClientArgs(["ws://h/ws/chat", "--resume", "rt", "--offset", "1-0"]), { url: "ws://h/ws/chat", token: null, resume: "rt", offset: "1-0" });
  assert.throws(() => parseClientArgs([]), /usage/);
  assert.throws(() => parseClientArgs(["http://h/ws/chat"]), /ws:\/\//);
  assert.throws(() => parseClientArgs(["ws://h/x", "--offset", "1-0"]), /--offset needs --resume/);
  assert.throws(() => parseClientArgs(["ws://h/x", "--nope"]), /Unknown option/);
});

test("the connect URL carries resume and offset, replacing any already in it", () => {
  assert.equal(connectUrl({ url: "ws://h/ws/chat", resume: null, offset: null }), "ws://h/ws/chat");
  assert.equal(connectUrl({ url: "ws://h/ws/chat?resume=old&x=1", resume: "new", offset: "5-0" }), "ws://h/ws/chat?x=1&resume=new&offset=5-0");
});

test("the resume point: the last session frame's token, the last offset of any frame", () => {
  const frames = [
    { type: "session", sessionId: "s", resumeToken: "rt1", offset: null, recovered: null, missed: 0 },
    { type: "message", offset: "10-0", data: "hi" },
    "not an envelope",
    { type: "refused", code: "GW_X", message: "no", eventId: "evt_1" },
    { type: "crisis-resources", offset: "11-0", eventId: "evt_2", message: "…", resources: [] },
    { type: "session", sessionId: "s", resumeToken: "rt2", offset: "11-0", recovered: true, missed: 0 },
  ];
  const points = frames.reduce<ResumePoint[]>((all, f) => [...all, track(all.at(-1)!, f)], [{ resumeToken: null, offset: null }]);
  assert.deepEqual(points.slice(1).map((p) => [p.resumeToken, p.offset]), [["rt1", null], ["rt1", "10-0"], ["rt1", "10-0"], ["rt1", "10-0"], ["rt1", "11-0"], ["rt2", "11-0"]]);
});

test("the resume command, quoted for a shell; none without a session", () => {
  const args = { url: "ws://127.0.0.1:8080/ws/chat?resume=old&offset=1-0", token: "a.b.c" };
  assert.equal(resumeCommand(args, { resumeToken: "rt_x", offset: "1764790000000-0" }), "node --import tsx scripts/ws-client.ts ws://127.0.0.1:8080/ws/chat --token a.b.c --resume rt_x --offset 1764790000000-0");
  assert.equal(resumeCommand({ url: "ws://h/x", token: null }, { resumeToken: "it's", offset: null }), "node --import tsx scripts/ws-client.ts ws://h/x --resume 'it'\\''s'");
  assert.equal(resumeCommand(args, { resumeToken: null, offset: "1-0" }), null);
});
