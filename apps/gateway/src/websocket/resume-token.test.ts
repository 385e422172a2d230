import { test } from "node:test";
import assert from "node:assert/strict";
import { newResumeSecret, parseResumeToken, resumeParams, secretMatches } from "./resume-token.ts";

test("resume and offset are taken out of the query; the rest goes upstream as it was", () => {
  assert.deepEqual(resumeParams("/ws/chat?resume=ses_1.abc&offset=42&room=a%20b"), { token: "ses_1.abc", offset: 42, rest: "/ws/chat?room=a+b" });
  assert.deepEqual(resumeParams("/ws/chat?resume=ses_1.abc"), { token: "ses_1.abc", offset: null, rest: "/ws/chat" });
  assert.deepEqual(resumeParams("/ws/chat"), { token: null, offset: null, rest: "/ws/chat" });
  assert.equal(resumeParams("/ws/chat?offset=-1").offset, null, "not an offset: replays nothing rather than everything");
  assert.equal(resumeParams("/ws/chat?offset=1e3").offset, null);
});

test("a token is the session id and a secret; only the secret's hash is kept and it matches in constant time", () => {
  const { secret, hash } = newResumeSecret();
  assert.ok(secret.length >= 32 && !hash.includes(secret));
  assert.equal(secretMatches(hash, secret), true);
  assert.equal(secretMatches(hash, `${secret}x`), false);
  assert.equal(secretMatches(hash, ""), false);
  assert.deepEqual(parseResumeToken(`ses_9.${secret}`), { sessionId: "ses_9", secret });
  for (const bad of ["", "nodot", ".secret", "ses_9."]) assert.equal(parseResumeToken(bad), null, bad);
});
