// What the audit log keeps of a clinician's follow or message: the session, the gateway that
// carried it and, for a message, its offset and length. Never the text: the player's session is
// not the audit log's to copy, and a clinician's words to them may name them.
export interface MessageSentFacts {
  sessionId: string;
  offset: string | null;
  text: string;
  gatewayUrl: string;
}

export function messageSentDetail(facts: MessageSentFacts): { sessionId: string; offset: string | null; length: number; gateway: string } {
  return { sessionId: facts.sessionId, offset: facts.offset, length: [...facts.text].length, gateway: facts.gatewayUrl };
}

export function followedDetail(facts: { sessionId: string; gatewayUrl: string }): { sessionId: string; gateway: string } {
  return { sessionId: facts.sessionId, gateway: facts.gatewayUrl };
}
