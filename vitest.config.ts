import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Each test file gets its own worker; files use their own temp databases.
    pool: 'forks',
    // The JSON report is what .ci/run reads for its "N passed, M failed" line.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
})
