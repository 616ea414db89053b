-- AlterTable
ALTER TABLE "Turn" ADD COLUMN     "handoff" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "route" TEXT;
