/** @file Unit tests of the PWA's pure modules (history, sync decisions, rig UI); the app is covered by test/e2e. */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
})
