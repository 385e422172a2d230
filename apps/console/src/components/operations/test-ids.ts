// Stable names for the operations view's elements: end-to-end tests build the same ids from a
// service name and an instance origin (documented in the console README). No imports, so the
// Playwright specs can use it too.

/** "http://127.0.0.1:4102" -> "http-127-0-0-1-4102": lower case, every other run of characters one dash. */
export function sanitiseForTestId(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export const instanceTestId = (service: string, instance: string) => `instance-${sanitiseForTestId(service)}-${sanitiseForTestId(instance)}`;
export const breakerTestId = (service: string, instance: string, gatewayId: string) =>
  `breaker-${sanitiseForTestId(service)}-${sanitiseForTestId(instance)}-${sanitiseForTestId(gatewayId)}`;
export const gatewayTestId = (gatewayId: string) => `gateway-${sanitiseForTestId(gatewayId)}`;
/** A breaker's rolling counts on one gateway (not prefixed "breaker-": that names the breaker cell itself). */
export const rollingCountsTestId = (service: string, instance: string, gatewayId: string) =>
  `rolling-counts-${sanitiseForTestId(service)}-${sanitiseForTestId(instance)}-${sanitiseForTestId(gatewayId)}`;
