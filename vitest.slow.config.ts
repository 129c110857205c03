import { defineConfig } from 'vitest/config'

/**
 * The slow suite: scale tests that take minutes (e.g. 5M keys in LevelDB under a 256 MB heap).
 * `npm run test:slow`; CI runs it after `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
