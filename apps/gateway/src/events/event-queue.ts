// The gateway's bounded in-memory queue of therapeutic events waiting to be written. The last
// tenth of it is kept for escalated events: a flood of monitoring events during a database outage
// cannot push out a crisis. What does not fit is refused (and counted by the caller).
import type { TherapeuticEventDraft } from "@tta/db";

export class EventQueue {
  private items: TherapeuticEventDraft[] = [];
  private head = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError("the event queue needs room for at least one event");
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** false when there is no room for it. */
  push(event: TherapeuticEventDraft): boolean {
    const limit = event.escalated ? this.capacity : Math.max(1, Math.floor(this.capacity * 0.9));
    if (this.size >= limit) return false;
    this.items.push(event);
    return true;
  }

  /** The oldest events, left in the queue until `drop`. */
  peek(max: number): TherapeuticEventDraft[] {
    return this.items.slice(this.head, this.head + max);
  }

  /** Removes the `count` oldest events (once they are written). */
  drop(count: number): void {
    this.head += Math.min(count, this.size);
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
