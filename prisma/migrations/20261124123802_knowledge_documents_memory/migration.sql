-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('queued', 'processing', 'done', 'failed');

-- AlterTable
ALTER TABLE "KnowledgeEntry" ADD COLUMN     "documentId" UUID,
ADD COLUMN     "indexedAt" TIMESTAMP(3),
ADD COLUMN     "supersededById" UUID;

-- CreateTable
CREATE TABLE "KnowledgeDocument" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "mimeType" TEXT,
    "raw" BYTEA,
    "status" "DocumentStatus" NOT NULL DEFAULT 'queued',
    "totalParts" INTEGER NOT NULL DEFAULT 0,
    "doneParts" INTEGER NOT NULL DEFAULT 0,
    "entries" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "notify" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "KnowledgeDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeTerm" (
    "tenantId" UUID NOT NULL,
    "term" TEXT NOT NULL,
    "df" INTEGER NOT NULL,

    CONSTRAINT "KnowledgeTerm_pkey" PRIMARY KEY ("tenantId","term")
);

-- CreateTable
CREATE TABLE "ContactFact" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "sourceMessageId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactFact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KnowledgeDocument_tenantId_createdAt_idx" ON "KnowledgeDocument"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeDocument_tenantId_name_key" ON "KnowledgeDocument"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeDocument_tenantId_id_key" ON "KnowledgeDocument"("tenantId", "id");

-- CreateIndex
CREATE INDEX "ContactFact_tenantId_contactId_idx" ON "ContactFact"("tenantId", "contactId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactFact_tenantId_contactId_key_value_key" ON "ContactFact"("tenantId", "contactId", "key", "value");

-- CreateIndex
CREATE INDEX "KnowledgeEntry_tenantId_documentId_idx" ON "KnowledgeEntry"("tenantId", "documentId");

-- AddForeignKey
ALTER TABLE "KnowledgeEntry" ADD CONSTRAINT "KnowledgeEntry_tenantId_documentId_fkey" FOREIGN KEY ("tenantId", "documentId") REFERENCES "KnowledgeDocument"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeEntry" ADD CONSTRAINT "KnowledgeEntry_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "KnowledgeEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeDocument" ADD CONSTRAINT "KnowledgeDocument_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeTerm" ADD CONSTRAINT "KnowledgeTerm_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactFact" ADD CONSTRAINT "ContactFact_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

