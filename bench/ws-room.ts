// Room fan-out across gateways: M members spread evenly over the given gateways' WebSocket URLs
// (the echo upstream joins each session to the room on /room), then a publisher in this process
// POSTs broadcasts to the admin APIs at a fixed rate, alternating gateways, without waiting for
// answers. Latency = from the POST's start to each member's receipt, timed in this process.
// Broadcasts go out until every member has one (warm-up, not counted), then for S seconds.
// Prints one JSON line. GATEWAY_ADMIN_TOKEN from the environment.
// `node --import tsx bench/ws-room.ts <ws url,ws url> <admin url,admin url> <members> <room> <rate> <seconds>`
import { performance } from "node:perf_hooks";
import { WebSocket } from "ws";
import { payloadOf, Samples } from "./lib/ws-latency.ts";

const [wsList, adminList, membersArg, room, rateArg, secondsArg] = process.argv.slice(2);
const wsUrls = (wsList ?? "").split(",").map((u) => new URL(u));
const adminUrls = (adminList ?? "").split(",").map((u) => new URL(u));
const [members, rate, seconds] = [Number(membersArg), Number(rateArg), Number(secondsArg)];
if (![...wsUrls, ...adminUrls].every((u) => u.hostname === "127.0.0.1") || !room) throw new Error("usage: only 127.0.0.1; see the header");
const token = process.env.GATEWAY_ADMIN_TOKEN ?? "";
setTimeout(() => process.exit(2), (seconds + 90) * 1000).unref();

const sentAt = new Map<number, number>();
const samples = new Samples();
const perMember = new Uint32Array(members);
let warm = new Set<number>();
let measuredFrom = Infinity;
const codes: Record<string, number> = {};

function join(i: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrls[i % wsUrls.length]!, ["tta.v1"], { perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error("not joined in 10 s")), 10_000);
    ws.on("message", (data) => {
      const payload = payloadOf(data.toString());
      if (!payload) return;
      if (payload.data === "joined" && !payload.room) return void (clearTimeout(timer), resolve(ws));
      if (payload.room !== room || payload.data[0] !== "b") return;
      const seq = Number(payload.data.slice(1));
      if (seq < measuredFrom) return void warm.add(i);
      const at = sentAt.get(seq);
      if (at === undefined) return;
      samples.add(performance.now() - at);
      perMember[i]!++;
    });
    ws.once("close", (code) => (codes[code] = (codes[code] ?? 0) + 1));
    ws.on("error", () => {});
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

const sockets: WebSocket[] = [];
for (let i = 0; i < members; i += 50) sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, members - i) }, (_, j) => join(i + j)))));

let seq = 0;
const publishMs = new Samples();
let publishErrors = 0;
let firstPublishError = "";
function publish(): void {
  const n = ++seq;
  const target = adminUrls[n % adminUrls.length]!;
  const start = performance.now();
  sentAt.set(n, start);
  fetch(new URL(`/ws/rooms/${room}/messages`, target), { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ data: `b${n}` }), signal: AbortSignal.timeout(5_000) })
    .then(async (res) => {
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`HTTP ${res.status}`);
      publishMs.add(performance.now() - start);
    })
    .catch((error: unknown) => {
      publishErrors++;
      firstPublishError ||= String(error);
    });
}

// Warm-up: until every member got a broadcast (each gateway subscribed to the room), at most 15 s.
const warmUntil = performance.now() + 15_000;
while (warm.size < members && performance.now() < warmUntil) {
  publish();
  await new Promise((r) => setTimeout(r, 100));
}
const warmed = warm.size;
await new Promise((r) => setTimeout(r, 300));
measuredFrom = seq + 1;
warm = new Set();

const start = performance.now();
let published = 0;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const elapsed = performance.now() - start;
    const due = Math.min(Math.floor((elapsed * rate) / 1000), rate * seconds) - published;
    for (let i = 0; i < due; i++, published++) publish();
    if (elapsed >= seconds * 1000) (clearInterval(timer), resolve());
  }, 1);
});
const expected = published * members;
const deadline = performance.now() + 3_000;
while (samples.count < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const counts = [...perMember];
console.log(
  JSON.stringify({
    members,
    membersWarm: warmed,
    published,
    expectedDeliveries: expected,
    deliveries: samples.count,
    lost: expected - samples.count,
    fewestPerMember: Math.min(...counts),
    publishErrors,
    firstPublishError: firstPublishError || null,
    closes: codes,
    publishAnswer: publishMs.summary(),
    ...samples.summary(),
  }),
);
for (const ws of sockets) ws.close(1000);
setTimeout(() => process.exit(0), 500);
