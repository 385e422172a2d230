-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'operator', 'clinician');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('dev', 'prototype', 'prod');

-- CreateEnum
CREATE TYPE "TherapeuticPriority" AS ENUM ('standard', 'therapeutic', 'crisis');

-- CreateEnum
CREATE TYPE "AuthRequirement" AS ENUM ('public', 'authenticated', 'restricted');

-- CreateEnum
CREATE TYPE "SafetyScanMode" AS ENUM ('off', 'monitor', 'enforce');

-- CreateEnum
CREATE TYPE "FailMode" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "RateLimitScope" AS ENUM ('user', 'ip', 'endpoint');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" "Role"[],
    "password_hash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "environment" "Environment" NOT NULL DEFAULT 'dev',
    "version" TEXT NOT NULL DEFAULT '1.0.0',
    "therapeutic_priority" "TherapeuticPriority" NOT NULL DEFAULT 'standard',
    "health_check_path" TEXT NOT NULL DEFAULT '/health',
    "dependencies" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "load_balancing" TEXT NOT NULL DEFAULT 'round_robin',
    "health_check" JSONB,
    "circuit_breaker" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_instances" (
    "id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_instances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_policies" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "RateLimitScope" NOT NULL DEFAULT 'user',
    "limit" INTEGER NOT NULL,
    "window_seconds" INTEGER NOT NULL,
    "burst" INTEGER NOT NULL DEFAULT 0,
    "therapeutic_multiplier" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "crisis_bypass" BOOLEAN NOT NULL DEFAULT true,
    "fail_mode" "FailMode" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_policies" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "audience" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "algorithms" TEXT[] DEFAULT ARRAY['RS256']::TEXT[],
    "jwks_url" TEXT,
    "public_keys" JSONB,
    "secret_ref" TEXT,
    "clock_skew_seconds" INTEGER NOT NULL DEFAULT 30,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "auth_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "routes" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "methods" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "host" TEXT,
    "path" TEXT NOT NULL,
    "rewrite" TEXT,
    "service_id" TEXT NOT NULL,
    "timeout_ms" INTEGER NOT NULL DEFAULT 30000,
    "retry_policy" JSONB,
    "auth" "AuthRequirement" NOT NULL DEFAULT 'public',
    "auth_policy_id" TEXT,
    "required_roles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "required_permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rate_limit_policy_id" TEXT,
    "cache_policy" JSONB,
    "safety_scan" "SafetyScanMode" NOT NULL DEFAULT 'off',
    "websocket" BOOLEAN NOT NULL DEFAULT false,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "routes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety_rule_sets" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rules" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "safety_rule_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "config_revisions" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "snapshot" JSONB NOT NULL,
    "checksum" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "author_id" TEXT,
    "rolled_back_from" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "config_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "therapeutic_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "EventStatus" NOT NULL DEFAULT 'open',
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "user_id" TEXT,
    "session_id" TEXT,
    "route_name" TEXT,
    "excerpt" TEXT NOT NULL,
    "signals" JSONB NOT NULL DEFAULT '[]',
    "correlation_id" TEXT NOT NULL,
    "assignee_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "therapeutic_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_notes" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "author_id" TEXT,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "correlation_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "services_name_key" ON "services"("name");

-- CreateIndex
CREATE UNIQUE INDEX "service_instances_service_id_url_key" ON "service_instances"("service_id", "url");

-- CreateIndex
CREATE UNIQUE INDEX "rate_limit_policies_name_key" ON "rate_limit_policies"("name");

-- CreateIndex
CREATE UNIQUE INDEX "auth_policies_name_key" ON "auth_policies"("name");

-- CreateIndex
CREATE UNIQUE INDEX "routes_name_key" ON "routes"("name");

-- CreateIndex
CREATE UNIQUE INDEX "safety_rule_sets_name_key" ON "safety_rule_sets"("name");

-- CreateIndex
CREATE UNIQUE INDEX "config_revisions_number_key" ON "config_revisions"("number");

-- CreateIndex
CREATE INDEX "therapeutic_events_status_severity_created_at_idx" ON "therapeutic_events"("status", "severity", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");

-- AddForeignKey
ALTER TABLE "service_instances" ADD CONSTRAINT "service_instances_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routes" ADD CONSTRAINT "routes_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routes" ADD CONSTRAINT "routes_rate_limit_policy_id_fkey" FOREIGN KEY ("rate_limit_policy_id") REFERENCES "rate_limit_policies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routes" ADD CONSTRAINT "routes_auth_policy_id_fkey" FOREIGN KEY ("auth_policy_id") REFERENCES "auth_policies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "config_revisions" ADD CONSTRAINT "config_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapeutic_events" ADD CONSTRAINT "therapeutic_events_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_notes" ADD CONSTRAINT "event_notes_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "therapeutic_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_notes" ADD CONSTRAINT "event_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
