// The safety scan of one client -> upstream WebSocket message: the same rules, classifier, verdict
// and therapeutic event as an HTTP body (safety/), with the gateway session as the event's session.
import { newId } from "@tta/domain";
import type { TherapeuticEventDraft } from "@tta/db";
import type { CrisisClassifier } from "@tta/safety";
import type { CompiledConfig, CompiledRoute } from "../config/compiled.ts";
import { excerptOf } from "../safety/excerpt.ts";
import { foldKeyOf } from "../safety/fold-key.ts";
import { flatten, scanItems } from "../safety/scan-items.ts";
import { judgeRequest, type SafetyVerdict } from "../safety/verdict.ts";

export interface MessageScan {
  verdict: SafetyVerdict;
  input: unknown;
  rulesVersion: string | null;
  truncated: boolean;
  scanMs: number;
}

/** A JSON message is scanned as its values (like a JSON body); anything else as one text. */
function inputOf(text: string): unknown {
  const first = text.trimStart()[0];
  if (first === "{" || first === "[") {
    try {
      return JSON.parse(text);
    } catch {
      // not JSON after all: the text itself
    }
  }
  return text;
}

export async function scanMessage(text: string, route: CompiledRoute, config: CompiledConfig, classifier: CrisisClassifier | null): Promise<MessageScan> {
  const rules = config.safetyRules;
  if (!rules) throw new Error("a websocket route scans but its revision has no compiled safety rules");
  const input = inputOf(text);
  const scanned = await scanItems(flatten(input), rules, { classifier });
  return { verdict: judgeRequest({ result: scanned.result, unscannable: null }, route.safety), input, rulesVersion: scanned.result.rulesVersion, truncated: scanned.result.truncated, scanMs: scanned.scanMs };
}

export interface MessageFacts {
  sessionId: string;
  userId: string | null;
  route: CompiledRoute;
  revision: number;
  gatewayId: string;
  /** The id of this message (correlation id of its event). */
  messageId: string;
  /** Over the connection's message rate: its event folds into the session's open one. */
  overLimit: boolean;
}


export function messageEvent(scan: MessageScan, facts: MessageFacts): TherapeuticEventDraft {
  const { verdict } = scan;
  return {
    id: newId("event"),
    type: verdict.eventType!,
    severity: verdict.severity!,
    escalated: verdict.escalated,
    userId: facts.userId,
    sessionId: facts.sessionId,
    routeName: facts.route.name,
    excerpt: excerptOf(scan.input, verdict.signals),
    signals: verdict.signals,
    correlationId: facts.messageId,
    detectedAt: new Date(),
    details: {
      outcome: verdict.outcome,
      mode: facts.route.safety.mode,
      rulesVersion: scan.rulesVersion,
      gateway: facts.gatewayId,
      revision: facts.revision,
      channel: "websocket",
      truncated: scan.truncated,
      ...(verdict.review ? { review: true } : {}),
    },
    foldKey: foldKeyOf(facts.route.name, verdict.eventType!, `session:${facts.sessionId}`), // a flooding client's events fold, as over HTTP
    fold: facts.overLimit,
  };
}
