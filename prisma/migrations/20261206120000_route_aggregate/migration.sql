-- Request aggregation routes (issue 14): a route's kind, and an aggregate route's parts. Existing
-- routes stay proxy routes without parts.

-- CreateEnum
CREATE TYPE "RouteKind" AS ENUM ('proxy', 'aggregate');

-- AlterTable
ALTER TABLE "routes" ADD COLUMN     "aggregate" JSONB,
ADD COLUMN     "kind" "RouteKind" NOT NULL DEFAULT 'proxy';
