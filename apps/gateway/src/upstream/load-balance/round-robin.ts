// Round robin over a service's instances. The cursor lives in the compiled config, so a publish
// starts a fresh rotation over the new instance list.
import type { CompiledInstance, CompiledService } from "../../config/compiled.ts";

export function pickRoundRobin(service: CompiledService): CompiledInstance {
  const i = service.cursor.next % service.instances.length;
  service.cursor.next = (i + 1) % service.instances.length;
  return service.instances[i]!;
}
