import { forcedKey, type ForcedBreakerStore, type ForcedState } from "./interface.ts";

export function createLocalForcedBreakers(): ForcedBreakerStore {
  const forced = new Map<string, ForcedState>();
  return {
    kind: "local",
    all: async () => new Map(forced),
    async set(service, instance, state) {
      if (state) forced.set(forcedKey(service, instance), state);
      else forced.delete(forcedKey(service, instance));
    },
  };
}
