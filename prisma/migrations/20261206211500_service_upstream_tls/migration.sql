-- TLS to a service's https:// instances (CA, client certificate, server name): references to
-- files, never key material. Existing services keep the public roots and no client certificate (null).

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "upstream_tls" JSONB;
