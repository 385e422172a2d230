// Room membership of the sessions this gateway holds, and delivery of a room's broadcasts (from any
// gateway, through the bus) to those members: each member keeps the frame, then gets it.
import type { Logger } from "pino";
import type { WsBus } from "../stores/ws-bus/interface.ts";
import type { LiveSession } from "./live-session.ts";

export const ROOM_NAME = /^[A-Za-z0-9._:-]{1,128}$/;
const channel = (room: string) => `ws:room:${room}`;

export class Rooms {
  private readonly rooms = new Map<string, { members: Set<LiveSession>; unsubscribe: Promise<() => void> }>();

  constructor(
    private readonly bus: WsBus,
    private readonly log: Logger,
  ) {}

  join(session: LiveSession, room: string): void {
    let entry = this.rooms.get(room);
    if (!entry) {
      const members = new Set<LiveSession>();
      const unsubscribe = this.bus.subscribe(channel(room), (message) => this.deliver(room, message));
      unsubscribe.catch((error: unknown) => this.log.warn({ err: error, room }, "websocket room subscription failed"));
      this.rooms.set(room, (entry = { members, unsubscribe }));
    }
    entry.members.add(session);
  }

  leave(session: LiveSession, room: string): void {
    const entry = this.rooms.get(room);
    if (!entry?.members.delete(session) || entry.members.size > 0) return;
    this.rooms.delete(room);
    void entry.unsubscribe.then((off) => off(), () => {});
  }

  /** Every member of the room, on every gateway, gets `data` (in the order Redis received them). */
  async broadcast(room: string, data: string): Promise<void> {
    if (!ROOM_NAME.test(room)) throw new Error("invalid room name");
    await this.bus.publish(channel(room), data);
  }

  private deliver(room: string, data: string): void {
    const members = this.rooms.get(room)?.members;
    if (!members) return;
    const body = JSON.stringify({ type: "message", room, data });
    for (const session of members) session.deliver(body);
  }
}
