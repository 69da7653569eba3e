/**
 * @module test/harness/browser — headless Debian Chromium through playwright-core (never a browser download),
 * with the flags of RESEARCH.md 6 and a fresh profile per launch; phone-size contexts.
 */
import {
  chromium,
  errors,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core'

export const CHROMIUM_PATH = process.env.FACECRAFT_CHROMIUM ?? '/usr/bin/chromium'
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A phone: 360 x 640 CSS px at 2x, touch. */
export const PHONE = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  hasTouch: true,
  isMobile: true,
}

export interface Launched {
  browser: Browser
  close(): Promise<void>
}

/**
 * Turns WebGPU on in headless Linux Chromium, where it is off by default (navigator.gpu exists but
 * requestAdapter() answers null): with it, Dawn's SwiftShader Vulkan gives a software adapter ('google
 * swiftshader'), even beside --disable-gpu. Nothing else is needed on Chromium 156 (measured: adding
 * --enable-features=Vulkan, --use-angle=swiftshader or --use-webgpu-adapter=swiftshader changes nothing).
 * Pass it to {@link launchChromium}; without it WebGPU has no adapter, as in most phones' browsers today.
 */
export const WEBGPU_FLAGS: readonly string[] = ['--enable-unsafe-webgpu']

/**
 * Launches Chromium; playwright gives every launch a fresh temporary user-data-dir and removes it on close.
 * `extraArgs`: more flags (e.g. a fake camera: --use-fake-device-for-media-stream).
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Launched> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...FLAGS, ...extraArgs],
  })
  return { browser, close: () => browser.close() }
}

/**
 * How long a page load may take. Playwright's default (30 s) is 20x a first load here (1.3 s), yet a CI machine
 * under outside load once stalled one that long and failed a test that had nothing wrong with it.
 */
export const NAVIGATION_TIMEOUT_MS = 90_000

/**
 * How long the first attempt of a `page.goto` may take before it is made again. Loaded CI machines have stalled
 * a navigation past any timeout (a fresh page's first load of /new, a reload of /photo: 90 s without "load") while
 * the app and the server went on answering everything else, so waiting longer does not help and a second request
 * does. First attempt + retry stay inside a test's 120 s.
 */
export const FIRST_ATTEMPT_MS = 30_000

/**
 * A new context (its own storage, like another device): every e2e context comes from here, for one timeout and
 * for page.goto's one retry of a stalled load (see FIRST_ATTEMPT_MS).
 */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {}
): Promise<BrowserContext> {
  const context = await browser.newContext(options)
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS)
  context.on('page', (page) => {
    retryStalledLoads(page)
    // An uncaught error in the app is worth seeing beside whatever the test fails on next.
    page.on('pageerror', (error) => console.error(`page error at ${page.url()}: ${error.message}`))
  })
  return context
}

/**
 * Makes `page.goto` (without a timeout of its own) try once more when its first attempt does not load within
 * FIRST_ATTEMPT_MS, saying so on stderr; the retry has the rest of NAVIGATION_TIMEOUT_MS, and its failure fails.
 */
export function retryStalledLoads(page: Page, firstAttemptMs = FIRST_ATTEMPT_MS): void {
  const goto = page.goto.bind(page)
  page.goto = async (url, options) => {
    if (options?.timeout !== undefined) return goto(url, options)
    try {
      return await goto(url, { ...options, timeout: firstAttemptMs })
    } catch (error) {
      if (!(error instanceof errors.TimeoutError)) throw error
      console.warn(`page.goto(${url}) did not load in ${firstAttemptMs / 1000} s: loading it again`)
      // about:blank first: it commits at once (no network) and ends the stalled navigation, which a second
      // request for the same URL would otherwise join and be aborted with (net::ERR_ABORTED).
      await goto('about:blank')
      return goto(url, { ...options, timeout: NAVIGATION_TIMEOUT_MS - firstAttemptMs })
    }
  }
}

/** A new phone-size context on `origin`. */
export function phoneContext(browser: Browser, origin: string): Promise<BrowserContext> {
  return newContext(browser, { ...PHONE, baseURL: origin, acceptDownloads: true })
}
