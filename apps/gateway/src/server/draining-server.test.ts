import { test } from "node:test";
import assert from "node:assert/strict";
import { request, type ServerResponse } from "node:http";
import { createDrainingServer } from "./draining-server.ts";

const get = (port: number, path: string) =>
  new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on("error", reject);
    req.end();
  });

test("answers in flight are counted as they start and end in any order; a drain waits for them and ends their keep-alive", async () => {
  const held = new Map<string, ServerResponse>();
  const server = createDrainingServer((req, res) => void held.set(req.url!, res));
  const port = await server.listen(0, "127.0.0.1");
  const answers = ["/a", "/b", "/c"].map((path) => get(port, path));
  while (held.size < 3) await new Promise((r) => setTimeout(r, 5));
  assert.equal(server.inFlight(), 3);
  held.get("/b")!.end("b"); // the middle one first
  await answers[1];
  assert.equal(server.inFlight(), 2);
  const closed = server.close(5_000);
  assert.equal(server.draining(), true);
  held.get("/a")!.end("a");
  held.get("/c")!.end("c");
  const [a, , c] = (await Promise.all(answers)) as [{ status: number; connection: string | undefined }, unknown, { status: number; connection: string | undefined }];
  assert.equal(a.connection, "close", "an answer in flight when the drain began closes its connection");
  assert.equal(c.status, 200);
  assert.deepEqual(await closed, { abandoned: 0 });
  assert.equal(server.inFlight(), 0);
});

test("what is still in flight at the deadline is cut and counted as abandoned", async () => {
  const server = createDrainingServer(() => {}); // never answers
  const port = await server.listen(0, "127.0.0.1");
  const answer = get(port, "/stuck").catch((error: Error) => error);
  while (server.inFlight() < 1) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(await server.close(100), { abandoned: 1 });
  assert.ok((await answer) instanceof Error, "the client sees its connection cut");
});
