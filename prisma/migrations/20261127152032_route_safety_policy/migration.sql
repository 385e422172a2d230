-- CreateEnum
CREATE TYPE "CrisisResponse" AS ENUM ('acknowledge', 'forward');

-- AlterTable
ALTER TABLE "routes" ADD COLUMN     "blocked_categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "crisis_response" "CrisisResponse" NOT NULL DEFAULT 'acknowledge',
ADD COLUMN     "forbid_pii" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "mask_response_pii" BOOLEAN NOT NULL DEFAULT false;
