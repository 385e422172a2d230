-- A route's response compression policy (gzip / br by Accept-Encoding). Existing routes keep
-- sending answers as their upstream does (null): turning compression on changes what clients
-- receive (Content-Encoding, no Content-Length, weak ETags) and is a per-route decision.

-- AlterTable
ALTER TABLE "routes" ADD COLUMN     "compression" JSONB;
