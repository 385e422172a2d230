// Status codes become one of seven label values, so that a series count never depends on what
// upstreams answer.
export const STATUS_CLASSES = ["none", "1xx", "2xx", "3xx", "4xx", "5xx", "other"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** Index into STATUS_CLASSES: 0 = no answer was sent, 6 = outside 100–599. */
export function statusClassIndex(status: number): number {
  if (status === 0) return 0;
  const hundreds = Math.floor(status / 100);
  return hundreds >= 1 && hundreds <= 5 ? hundreds : 6;
}
