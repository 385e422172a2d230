// What the gateway has opened, in the order it opened it: closed in reverse, once, whether the
// start failed half way or the gateway shuts down. Each resource is pushed right after it exists,
// so a failed start closes exactly what was opened. A close that fails is logged and the rest go on.
import type { Logger } from "pino";

export class CloseStack {
  private readonly entries: { name: string; close: () => unknown }[] = [];

  constructor(private readonly log: Logger) {}

  push(name: string, close: () => unknown): void {
    this.entries.push({ name, close });
  }

  /** Closes everything pushed so far, newest first; later calls find nothing left. */
  async closeAll(): Promise<void> {
    for (let entry = this.entries.pop(); entry; entry = this.entries.pop()) {
      try {
        await entry.close();
      } catch (error) {
        this.log.warn({ err: error, resource: entry.name }, "closing a resource failed; going on with the rest");
      }
    }
  }
}
