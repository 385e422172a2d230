// A stand-in TTA service in its own process for the SIGTERM test: it serves HTTP, registers itself
// through @tta/registration-client, prints "ready <url>" once registered and deregisters on SIGTERM.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { installShutdown, startRegistration } from "@tta/registration-client";

const [adminUrl, token, service] = process.argv.slice(2) as [string, string, string];
const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ instance: "child" })));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const registration = startRegistration({ adminUrl, token, service, url, ttlSeconds: 60, backoff: { baseMs: 50, maxMs: 200 } });
installShutdown(registration, { beforeExit: () => new Promise((resolve) => server.close(resolve)) });
await registration.ready;
console.log(`ready ${url}`);
