/** @module test/harness — the real Worker, real Chromium and axe-core for end-to-end tests and `facecraft bench pwa`. */
export { buildPwa, freePort, REPO_ROOT, startWorker, type RunningWorker } from './worker.ts'
export {
  CHROMIUM_PATH,
  launchChromium,
  PHONE,
  newContext,
  phoneContext,
  WEBGPU_FLAGS,
  type Launched,
} from './browser.ts'
export { seriousViolations, type A11yViolation } from './a11y.ts'
export { auditScreens, type ScreenAudit } from './screens.ts'
