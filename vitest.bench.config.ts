import { defineConfig } from 'vitest/config'

/** Benchmarks: `npm run bench` (all), `npm run bench -- <name>`, `npm run bench -- --smoke`. */
export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
})
