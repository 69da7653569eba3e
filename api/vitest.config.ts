/** @file Node unit tests (src/**) plus the HTTP suite against real workerd (test/**), one wrangler dev for all. */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 150_000, // a beforeAll that seeds KV through the CLI may retry it (KV_CLI_TIMEOUT)
  },
})
