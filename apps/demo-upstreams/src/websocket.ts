// The demo services' WebSocket side, the upstream end of the gateway's tta.v1 protocol
// (apps/gateway/src/websocket/PROTOCOL.md): a hello frame with what the service saw, a service-flavoured
// reply per text frame, room commands answered with the gateway's $tta control frames, bursts for
// slow-consumer and resume tests, and binary frames echoed.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

export interface DemoWebSocketOptions {
  name: string;
  instance: string;
  /** False while the service is down in "error" mode: upgrades get the same 503 as requests. */
  accepting(): boolean;
}

export interface DemoWebSocket {
  /** Cuts every open WebSocket connection (the service is going down). */
  terminateAll(): void;
}

export const MAX_BURST = 1000;
const MAX_PAYLOAD = 1 << 20;

const FLAVOUR: Record<string, string> = {
  auth: "Noted at the gate:",
  players: "Your player heard:",
  sessions: "Logged in this session:",
  agents: "The agent considers:",
  chat: "I hear you:",
  narrative: "The story continues:",
};

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

/** The frames one client text frame produces, in order (pure, so the commands read as a table). */
export function answer(service: string, user: string | null, text: string): string[] {
  const reply = (said: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ kind: "reply", service, text: `${FLAVOUR[service] ?? `${service}:`} ${said}`, echo: text, ...extra });
  const [command, room = "", ...rest] = text.split(" ");
  if ((command === "/join" || command === "/leave") && room) {
    const verb = command.slice(1);
    return [JSON.stringify({ $tta: verb, room }), reply(`you ${verb === "join" ? "joined" : "left"} ${room}`)];
  }
  if (command === "/say" && room) {
    const data = JSON.stringify({ kind: "room", room, from: user, text: rest.join(" ") });
    return [JSON.stringify({ $tta: "broadcast", room, data })];
  }
  if (command === "/burst") {
    const n = Number(room);
    if (!Number.isInteger(n) || n < 1 || n > MAX_BURST) return [reply(`a burst is 1 to ${MAX_BURST} frames`)];
    return Array.from({ length: n }, (_, i) => reply(`burst ${i + 1}/${n}`, { seq: i + 1 }));
  }
  return [reply(text)];
}

export function attachWebSocket(server: Server, options: DemoWebSocketOptions): DemoWebSocket {
  const { name, instance } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  wss.on("connection", (ws: WebSocket, req: IncomingMessage) => {
    const user = header(req, "x-tta-user-id");
    ws.on("error", () => {}); // a broken client is its own problem; the service stays up
    ws.send(
      JSON.stringify({
        kind: "hello",
        service: name,
        instance,
        path: req.url ?? "/",
        sessionId: header(req, "x-tta-session-id"),
        resumed: req.headers["x-tta-session-resumed"] === "1",
        user,
      }),
    );
    ws.on("message", (data, isBinary) => {
      if (isBinary) return ws.send(data, { binary: true });
      for (const frame of answer(name, user, data.toString())) ws.send(frame);
    });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => {});
    if (!options.accepting()) {
      const body = JSON.stringify({ status: "down", service: name, instance });
      socket.end(`HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });
  return {
    terminateAll() {
      for (const ws of wss.clients) ws.terminate();
    },
  };
}
