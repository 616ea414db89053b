-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "handoffRequestedAt" TIMESTAMP(3);
