import { defineConfig } from 'vitest/config'

/** The compatibility suite: real third-party clients (kcat / librdkafka) against the bundled broker. */
export default defineConfig({
  test: {
    include: ['test/compat/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
