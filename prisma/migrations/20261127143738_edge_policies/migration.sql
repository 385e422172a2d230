-- Edge policies (issue 4): auth policies gain the claims that carry roles and permissions, and keep
-- public keys as a list of strings (PEM or JWK JSON); rate-limit policies gain IP allow/block lists
-- and adaptive limiting. Existing rows keep their data (rename and convert, not drop and re-add).

-- AlterTable
ALTER TABLE "auth_policies" RENAME COLUMN "audience" TO "audiences";

ALTER TABLE "auth_policies" ADD COLUMN "permissions_claim" TEXT NOT NULL DEFAULT 'permissions',
ADD COLUMN     "roles_claim" TEXT NOT NULL DEFAULT 'roles',
ADD COLUMN     "public_keys_list" TEXT[] DEFAULT ARRAY[]::TEXT[];

UPDATE "auth_policies"
SET "public_keys_list" = ARRAY(SELECT jsonb_array_elements_text("public_keys"))
WHERE jsonb_typeof("public_keys") = 'array';

ALTER TABLE "auth_policies" DROP COLUMN "public_keys";
ALTER TABLE "auth_policies" RENAME COLUMN "public_keys_list" TO "public_keys";

-- AlterTable
ALTER TABLE "rate_limit_policies" ADD COLUMN     "adaptive_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "adaptive_error_rate_threshold" DOUBLE PRECISION NOT NULL DEFAULT 0.2,
ADD COLUMN     "adaptive_latency_ms_threshold" INTEGER NOT NULL DEFAULT 1000,
ADD COLUMN     "adaptive_min_factor" DOUBLE PRECISION NOT NULL DEFAULT 0.25,
ADD COLUMN     "ip_allow_list" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "ip_block_list" TEXT[] DEFAULT ARRAY[]::TEXT[];
