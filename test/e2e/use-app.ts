/**
 * @file The set-up every e2e block shares: real Chromium for the block's tests (useChromium) and, with useApp, one
 * phone-sized context and page on the test Worker that its tests use one after another; all closed after the
 * block, even when a test fails half way. Call them in a describe body; read the values through the returned
 * object inside hooks and tests (they exist from the block's beforeAll on).
 */
import { afterAll, beforeAll, inject } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import {
  launchChromium,
  newContext,
  PHONE,
  phoneContext,
  type Launched,
} from '../src/harness/index.ts'

export interface UsedChromium {
  readonly chromium: Launched
}

export interface UsedApp extends UsedChromium {
  readonly context: BrowserContext
  readonly page: Page
}

export interface AppOptions {
  /** Extra Chromium flags, e.g. WEBGPU_FLAGS. */
  flags?: readonly string[]
  /** 'block': no service worker, so the test's network routes see every request (the Workers' too). */
  serviceWorkers?: 'allow' | 'block'
}

/** A value set by a beforeAll, or a clear failure when read before it (e.g. at describe time). */
function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(`${what} is made in beforeAll: read it inside a hook or a test`)
  return value
}

/** Chromium (with `flags`), launched before the block's tests and closed after them. */
export function useChromium(flags: readonly string[] = []): UsedChromium {
  let chromium: Launched | undefined
  beforeAll(async () => {
    chromium = await launchChromium(flags)
  })
  afterAll(async () => {
    await chromium?.close()
  })
  return {
    get chromium() {
      return ready(chromium, 'chromium')
    },
  }
}

/** Chromium plus one context and page that the block's tests share (the app's state carries from test to test). */
export function useApp(options: AppOptions = {}): UsedApp {
  const used = useChromium(options.flags)
  let context: BrowserContext | undefined
  let page: Page | undefined
  beforeAll(async () => {
    const { browser } = used.chromium
    context =
      options.serviceWorkers === 'block'
        ? await newContext(browser, {
            ...PHONE,
            baseURL: inject('origin'),
            serviceWorkers: 'block',
          })
        : await phoneContext(browser, inject('origin'))
    page = await context.newPage()
  })
  afterAll(async () => {
    await context?.close()
  })
  return {
    get chromium() {
      return used.chromium
    },
    get context() {
      return ready(context, 'context')
    },
    get page() {
      return ready(page, 'page')
    },
  }
}
