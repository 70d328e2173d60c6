import { defineConfig } from 'vitest/config'

const engine = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? 'postgresql' : 'pglite'

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/security/**/*.test.ts',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    // Every test sees its own writes at once.
    // Tests send their client's address as the one proxy in front of the app would.
    env: { CACHE_SECONDS: '0', TRUST_PROXY: '1' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: `test-reports/vitest-${engine}.json` }]],
  },
})
