// Generated route tables for the 10 vs 10,000 routes comparison. Route i is a literal path
// (`/api/svc-i/items/all`) when i is even and a parameter path (`/api/svc-i/items/:id`) when odd;
// all have the same segment count, so precedence is: every literal route, then every parameter
// route, each by name (zero-padded, so by i). The first route is r00000 (literal), the last
// r0NNNN-1 (a parameter route): the one a linear scan reaches last.
import { newId } from "@tta/domain";

export interface RouteSet {
  count: number;
  snapshot: object;
  first: { name: string; path: string; requestPath: string };
  last: { name: string; path: string; requestPath: string };
}

const name = (i: number) => `r${String(i).padStart(5, "0")}`;
const path = (i: number) => (i % 2 === 0 ? `/api/svc-${i}/items/all` : `/api/svc-${i}/items/:id`);
const requestPath = (i: number) => (i % 2 === 0 ? `/api/svc-${i}/items/all` : `/api/svc-${i}/items/12345`);

export function routeSet(count: number, upstreamUrl: string): RouteSet {
  if (count < 2 || count % 2 !== 0) throw new Error("route count must be even and at least 2");
  const routes = Array.from({ length: count }, (_, i) => ({ id: newId("route"), name: name(i), path: path(i), service: "bench", retryPolicy: { attempts: 1 } }));
  const ref = (i: number) => ({ name: name(i), path: path(i), requestPath: requestPath(i) });
  return {
    count,
    snapshot: { schemaVersion: 1, services: [{ name: "bench", healthCheck: { enabled: false }, instances: [{ url: upstreamUrl }] }], routes },
    first: ref(0),
    last: ref(count - 1),
  };
}
