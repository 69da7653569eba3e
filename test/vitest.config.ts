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
    // expect.poll waits for the page (a first WebGL frame, a worker's answer): vitest's 1 s default failed a
    // turntable's first frame on a loaded CI machine. A poll that succeeds returns at once; only failures wait.
    expect: { poll: { timeout: 10_000 } },
  },
})
