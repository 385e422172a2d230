// What a player in crisis is given with the 202: where to get help right now. Kept short and
// international; a deployment for one country would put its own lines first.
export interface CrisisResource {
  name: string;
  contact: string;
  url: string | null;
  region: string;
}

export const CRISIS_RESOURCES: readonly CrisisResource[] = Object.freeze([
  { name: "Emergency services", contact: "Call 911 (US, Canada), 112 (EU) or 999 (UK) if you or someone else is in immediate danger", url: null, region: "worldwide" },
  { name: "988 Suicide & Crisis Lifeline", contact: "Call or text 988", url: "https://988lifeline.org", region: "US" },
  { name: "Crisis Text Line", contact: "Text HOME to 741741 (US, Canada) or 85258 (UK)", url: "https://www.crisistextline.org", region: "US, Canada, UK" },
  { name: "Samaritans", contact: "Call 116 123", url: "https://www.samaritans.org", region: "UK, Ireland" },
  { name: "Find a helpline", contact: "Free, confidential helplines in your country", url: "https://findahelpline.com", region: "worldwide" },
]);

/** Sent with a 422: why, and what the player can do. */
export const CONTENT_GUIDANCE =
  "Please rephrase your message without threats, harassment or sexual content involving minors. If something you wrote is about how you feel, you can say so: our care team is here to help.";

/** Sent with a 451: what the rule is, and that nothing was stored. */
export const PRIVACY_COMPLIANCE =
  "To protect your privacy, this part of the platform does not accept personal information such as email addresses, phone numbers, government ids, card numbers, dates of birth, medical record numbers or passwords and keys. The message was not forwarded, and the personal information in it was not stored.";
