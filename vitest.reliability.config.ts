import { defineConfig } from 'vitest/config'

/** The long fault and load runs: `npm run test:reliability` (needs PostgreSQL, restarts it). */
export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-reports/reliability.json' }]],
  },
})
