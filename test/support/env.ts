// Runs before every test file. `npm test` (scripts/test.mjs) provides a database and a
// Redis prefix unique to the run; running vitest directly needs DATABASE_URL set.
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";
process.env.REDIS_URL ??= "redis://127.0.0.1:6379";
process.env.REDIS_PREFIX ??= `growai-test-${process.pid}`;
