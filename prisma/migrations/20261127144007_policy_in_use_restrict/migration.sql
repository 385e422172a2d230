-- A policy that a route uses cannot be deleted: the database refuses it too (was SET NULL, which
-- silently left a route without its rate limit or its token check).

-- DropForeignKey
ALTER TABLE "routes" DROP CONSTRAINT "routes_auth_policy_id_fkey";

-- DropForeignKey
ALTER TABLE "routes" DROP CONSTRAINT "routes_rate_limit_policy_id_fkey";

-- AddForeignKey
ALTER TABLE "routes" ADD CONSTRAINT "routes_rate_limit_policy_id_fkey" FOREIGN KEY ("rate_limit_policy_id") REFERENCES "rate_limit_policies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routes" ADD CONSTRAINT "routes_auth_policy_id_fkey" FOREIGN KEY ("auth_policy_id") REFERENCES "auth_policies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
