-- CreateEnum
CREATE TYPE "HandoffStatus" AS ENUM ('open', 'closed');

-- DropIndex
DROP INDEX "Conversation_tenantId_channelAccountId_address_key";

-- AlterTable
ALTER TABLE "ContactIdentity" ADD COLUMN     "invalidAt" TIMESTAMP(3);

-- AlterTable: a conversation's key was its address until now (hand-edited: backfill before NOT NULL)
ALTER TABLE "Conversation" ADD COLUMN     "key" TEXT;
UPDATE "Conversation" SET "key" = "address";
ALTER TABLE "Conversation" ALTER COLUMN "key" SET NOT NULL;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "senderAddress" TEXT;

-- CreateTable
CREATE TABLE "Handoff" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "status" "HandoffStatus" NOT NULL DEFAULT 'open',
    "ownerChannel" "Channel" NOT NULL,
    "ownerAddress" TEXT NOT NULL,
    "notificationMessageId" UUID,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Handoff_tenantId_status_idx" ON "Handoff"("tenantId", "status");

-- CreateIndex
CREATE INDEX "Handoff_conversationId_status_idx" ON "Handoff"("conversationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_tenantId_code_key" ON "Handoff"("tenantId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_tenantId_channelAccountId_key_key" ON "Conversation"("tenantId", "channelAccountId", "key");

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

