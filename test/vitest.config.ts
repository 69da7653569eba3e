/** @file End-to-end tests: one wrangler dev for the whole run (global setup), files one after another. */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['./e2e/global-setup.ts'],
    fileParallelism: false,
    // Twice a test's longest time here: a CI machine under outside load ran the suite 2.5x slower.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
