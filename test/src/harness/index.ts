/** @module test/harness — the real Worker and real Chromium for end-to-end tests and `facecraft bench pwa`. */
export { buildPwa, freePort, REPO_ROOT, startWorker, type RunningWorker } from './worker.ts'
export { CHROMIUM_PATH, launchChromium, PHONE, phoneContext, type Launched } from './browser.ts'
