// An incremental text/event-stream parser (the WHATWG rules the gateways' /live/events needs):
// `data:` lines joined by "\n", `id:`, comments ignored, an empty line dispatches.
export type SseMessage = { data: string; id: string | null };

export function createSseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = "";
  let data: string[] = [];
  let id: string | null = null;
  return function push(chunk) {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
      if (line === "") {
        if (data.length > 0) onMessage({ data: data.join("\n"), id });
        data = [];
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + (line[colon + 1] === " " ? 2 : 1));
      if (field === "data") data.push(value);
      else if (field === "id") id = value;
    }
  };
}
