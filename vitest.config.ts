import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{agent,api,channels,core,knowledge,tools,prisma,test}/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ["test/support/env.ts"],
  },
});
