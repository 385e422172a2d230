// What the gateway does with each client -> upstream message: the message rate (1008), binary
// frames on scanning routes (1003), and on scanning routes the safety scan, in order per session
// and without blocking other sessions: a therapeutic event for what it finds, crisis resources or a
// refusal for the player, and the message forwarded only when the route's policy lets it through.
import { ERROR_CODES, newId } from "@tta/domain";
import type { CrisisClassifier } from "@tta/safety";
import type { Logger } from "pino";
import type { RawData, WebSocket } from "ws";
import type { CompiledConfig } from "../config/compiled.ts";
import type { EventService } from "../events/event-service.ts";
import { CONTENT_GUIDANCE, CRISIS_RESOURCES, PRIVACY_COMPLIANCE } from "../safety/crisis-resources.ts";
import { CLOSE, type LiveSession } from "./live-session.ts";
import { messageEvent, scanMessage } from "./message-scan.ts";
import type { WsMeters } from "./meters.ts";

export interface ClientMessageDeps {
  gatewayId: string;
  classifier: CrisisClassifier | null;
  events: Pick<EventService, "record">;
  meters: WsMeters;
  log: Logger;
  config(): CompiledConfig | null;
  /** A copy for whoever follows the session. */
  follow(session: LiveSession, direction: "in" | "out", text: string): void;
  /** The session's first crisis event: its recovery window gets longer. */
  crisisOpened(session: LiveSession, eventId: string): void;
}

const ACKNOWLEDGED = ERROR_CODES.GW_CRISIS_ESCALATED.message; // the words of the HTTP answer
const FORWARDED = "If you are in danger right now, please contact one of these lines.";
const OVER_RATE = "message rate over the limit";

export type ClientMessageHandler = (session: LiveSession, client: WebSocket, data: RawData, isBinary: boolean, overLimit: boolean) => void;

export function clientMessages(deps: ClientMessageDeps): ClientMessageHandler {
  async function scanAndForward(session: LiveSession, client: WebSocket, text: string, overLimit: boolean): Promise<void> {
    const { route } = session;
    const config = deps.config();
    if (!config) throw new Error("no configuration loaded");
    const scan = await scanMessage(text, route, config, deps.classifier);
    const { verdict } = scan;
    deps.meters.scanned(route.name, verdict.outcome, scan.scanMs);
    deps.follow(session, "in", text);
    const crisis = verdict.escalated;
    if (overLimit && !crisis) return void client.close(CLOSE.policy, OVER_RATE); // a crisis over the rate still gets through
    if (verdict.outcome === "clean") return void session.upstream?.send(text);

    const event = messageEvent(scan, { sessionId: session.id, userId: session.record.userId, route, revision: config.revision, gatewayId: deps.gatewayId, messageId: newId("request"), overLimit });
    deps.events.record(event);
    if (crisis && !session.record.crisisEventId) deps.crisisOpened(session, event.id);
    deps.log.info({ sessionId: session.id, eventId: event.id, route: route.name, outcome: verdict.outcome, type: event.type, severity: event.severity }, crisis ? "crisis escalated (websocket)" : "therapeutic event recorded (websocket)");
    switch (verdict.outcome) {
      case "crisis_acknowledged": // answered by the gateway, as over HTTP: not forwarded
        return session.deliver(JSON.stringify({ type: "crisis-resources", eventId: event.id, message: ACKNOWLEDGED, resources: CRISIS_RESOURCES }));
      case "crisis_forwarded": // escalated; the player gets the resources only where the route enforces (monitor watches silently)
        if (route.safety.mode === "enforce") session.deliver(JSON.stringify({ type: "crisis-resources", eventId: event.id, message: FORWARDED, resources: CRISIS_RESOURCES }));
        if (!overLimit) session.upstream?.send(text);
        return;
      case "content_refused":
        return session.deliver(JSON.stringify({ type: "refused", code: "GW_CONTENT_UNSAFE", message: CONTENT_GUIDANCE, eventId: event.id }));
      case "privacy_refused":
        return session.deliver(JSON.stringify({ type: "refused", code: "GW_PRIVACY_VIOLATION", message: PRIVACY_COMPLIANCE, eventId: event.id }));
      default:
        if (!overLimit) session.upstream?.send(text);
    }
  }

  return function fromClient(session, client, data, isBinary, overLimit) {
    const { route } = session;
    const scans = route.safety.mode !== "off";
    if (isBinary) {
      if (scans) return void client.close(CLOSE.unsupported, "binary messages are not accepted on this route");
      if (overLimit) return void client.close(CLOSE.policy, OVER_RATE);
      return void session.upstream?.send(data as Buffer, { binary: true });
    }
    const text = data.toString();
    deps.meters.message(route.name, "in", text.length);
    if (!scans) {
      if (overLimit) return void client.close(CLOSE.policy, OVER_RATE);
      deps.follow(session, "in", text);
      return void session.upstream?.send(text);
    }
    session.inbound = session.inbound
      .then(() => scanAndForward(session, client, text, overLimit))
      .catch((error: unknown) => {
        deps.log.error({ err: error, sessionId: session.id }, "a websocket message could not be scanned; not forwarded");
        session.deliver(JSON.stringify({ type: "refused", code: "GW_UNSCANNABLE_BODY", message: "This message could not be checked, so it was not sent.", eventId: null }));
      });
  };
}
