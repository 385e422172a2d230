// The built-in crisis model for the console's "try a message" box: read and decoded on first use,
// then kept for the life of the server process (never per request).
import { createBuiltinClassifier, type BuiltinClassifier } from "@tta/safety";

let classifier: BuiltinClassifier | undefined;

export function crisisClassifier(): BuiltinClassifier {
  classifier ??= createBuiltinClassifier();
  return classifier;
}
