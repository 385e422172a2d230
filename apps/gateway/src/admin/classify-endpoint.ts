// POST /safety/classify {"text"}: what this gateway's crisis classifier says of one sample text,
// for the console's "try a message" box, so that it shows the data plane's own answer (both
// stages of the built-in model) rather than a copy's. Answers the verdict; for the built-in
// two-stage model also the first stage's verdict and the second stage's probability. The text is
// neither logged nor kept. Read access (the admin token when one is configured).
import type { CrisisClassifier, ConfirmExplanation } from "@tta/safety";
import { z } from "zod";
import type { AdminToken } from "./admin-token.ts";
import type { AdminEndpoint } from "./endpoint.ts";
import { BodyError, readJson } from "./read-json.ts";
import { deniedAccess, refuse } from "./refuse.ts";
import { sendJson } from "./send-json.ts";

/** The console's box sends up to 8,000 characters; UTF-8 may take 4 bytes each, plus the JSON. */
const MAX_BODY_BYTES = 40 * 1024;
const ZBody = z.object({ text: z.string().min(1).max(8_000) }).strict();

type Explaining = CrisisClassifier & { explain?: (text: string) => Promise<ConfirmExplanation> };

export function classifyEndpoint(classifier: Explaining | null, token: AdminToken): AdminEndpoint {
  return {
    path: "/safety/classify",
    methods: ["POST"],
    async handle(req, res, correlationId) {
      if (deniedAccess(token, "read", req, res, correlationId)) return;
      let parsed: unknown;
      try {
        parsed = await readJson(req, MAX_BODY_BYTES);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        res.shouldKeepAlive = false;
        return refuse(res, "GW_BAD_REQUEST", correlationId, error.message);
      }
      const body = ZBody.safeParse(parsed);
      if (!body.success) return refuse(res, "GW_BAD_REQUEST", correlationId, 'The body must be {"text": "..."} with 1 to 8,000 characters.');
      if (!classifier) return sendJson(res, 200, { classifier: null, stages: 0, verdict: null, firstStage: null, secondStage: null });
      if (classifier.explain) {
        const { firstStage, secondStage, verdict } = await classifier.explain(body.data.text);
        return sendJson(res, 200, { classifier: classifier.name, stages: 2, verdict, firstStage, secondStage });
      }
      const verdict = await classifier.classify(body.data.text);
      sendJson(res, 200, { classifier: classifier.name, stages: 1, verdict, firstStage: null, secondStage: null });
    },
  };
}
