import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/shop_one", ADMIN_TOKEN: "x".repeat(24), CREDENTIALS_KEY: "a".repeat(64) };

describe("loadConfig", () => {
  it("names every missing or malformed variable", () => {
    try {
      loadConfig({ DATABASE_URL: "mysql://nope", ADMIN_TOKEN: "short", PORT: "http" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).issues.join("\n");
      for (const name of ["DATABASE_URL", "ADMIN_TOKEN", "CREDENTIALS_KEY", "PORT"]) expect(text).toContain(name);
    }
  });

  it("derives defaults: a Redis prefix per database, the demo chat off in production", () => {
    const dev = loadConfig(base);
    expect(dev.REDIS_PREFIX).toBe("growai:shop_one");
    expect(dev.DEMO_WEB_CHAT).toBe(true);
    expect(dev.BURST_WINDOW_MS).toBe(1500);
    const prod = loadConfig({ ...base, NODE_ENV: "production" });
    expect(prod.DEMO_WEB_CHAT).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: "production", DEMO_WEB_CHAT: "true", REDIS_PREFIX: "x" })).toMatchObject({ DEMO_WEB_CHAT: true, REDIS_PREFIX: "x" });
  });

  it("ignores empty values instead of failing on them", () => {
    expect(loadConfig({ ...base, OPENAI_API_KEY: "", PORT: "" }).OPENAI_API_KEY).toBeUndefined();
  });
});
