-- Route edge settings (issue 4): response header overrides over the gateway's security defaults,
-- CORS, and request body limits. Existing routes keep the defaults (nothing set, no validation).

-- CreateEnum
CREATE TYPE "BodyValidation" AS ENUM ('none', 'json');

-- AlterTable
ALTER TABLE "routes" ADD COLUMN     "body_validation" "BodyValidation" NOT NULL DEFAULT 'none',
ADD COLUMN     "cors" JSONB,
ADD COLUMN     "headers" JSONB,
ADD COLUMN     "max_body_bytes" INTEGER;
