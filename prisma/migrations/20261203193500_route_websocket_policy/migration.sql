-- A websocket route's own session limits (idle timeout, message size and rate). Existing routes
-- keep the gateway's WS_* settings (null).

-- AlterTable
ALTER TABLE "routes" ADD COLUMN     "websocket_policy" JSONB;
