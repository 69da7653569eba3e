/**
 * @file Models follow the API's manifest, per group, in real Chromium against wrangler dev on a real photo: the
 * `create` group moves to a new release when the manifest names one (its verified files reused, not downloaded
 * again; the old cache dropped only after), and the `refine` group, installed on first use, refuses a damaged
 * newer release with a clear message, keeps its verified release and still refines with it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page, Route } from 'playwright-core'
import { useApp } from './use-app.ts'
import { haveLondon, londonPhoto } from './photos.ts'

const SLOW_MS = 300_000

/** Model caches and the sizes of their entries, read in the page. */
function cachedModels(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(async () => {
    const out: Record<string, number[]> = {}
    for (const name of await caches.keys()) {
      if (!name.startsWith('facecraft-models-')) continue
      const cache = await caches.open(name)
      const sizes = await Promise.all(
        (await cache.keys()).map(
          async (r) => (await (await cache.match(r))!.arrayBuffer()).byteLength
        )
      )
      out[name] = sizes.sort((a, b) => a - b)
    }
    return out
  })
}

/** Answers the manifest of `group` as the server's with `change` applied (other groups pass through). */
function rewriteManifest(
  group: string,
  change: (body: { release: string; files: Array<{ id: string; sha256: string }> }) => object
) {
  return async (route: Route) => {
    const url = new URL(route.request().url())
    const response = await route.fetch()
    if (url.searchParams.get('group') !== group) return route.fulfill({ response })
    await route.fulfill({ response, json: change(await response.json()) })
  }
}

async function createFromPhoto(page: Page): Promise<void> {
  await page.goto('/photo')
  await page.getByTestId('photo-file').setInputFiles(londonPhoto(1))
  await page.getByTestId('photo-result').waitFor({ timeout: 180_000 })
}

describe.skipIf(!haveLondon)('models follow the manifest', () => {
  // No service worker, so the routes see every request.
  const app = useApp({ serviceWorkers: 'block' })
  const onnx: string[] = []
  beforeAll(() => {
    app.page.on('response', (r) => {
      if (r.url().endsWith('.onnx')) onnx.push(new URL(r.url()).pathname)
    })
  })

  it(
    'create: moves to the release the manifest names, from verified copies, and drops the old one after',
    async () => {
      await createFromPhoto(app.page)
      const first = await cachedModels(app.page)
      const [oldName] = Object.keys(first)
      expect(Object.keys(first)).toEqual([expect.stringMatching(/^facecraft-models-wasm-create-/)])
      onnx.length = 0
      await app.page.route(
        '**/v1/models/manifest*',
        rewriteManifest('create', (b) => ({ ...b, release: 'create-next' }))
      )
      await createFromPhoto(app.page)
      const after = await cachedModels(app.page)
      // The same files (same sha256) under the new release: copied from the device, nothing downloaded.
      expect(onnx).toEqual([])
      expect(after).toEqual({ 'facecraft-models-wasm-create-create-next': first[oldName!] })
      await app.page.unroute('**/v1/models/manifest*')
    },
    SLOW_MS
  )

  it(
    'refine: installs on first use; a damaged newer release is refused, the old one kept and used',
    async () => {
      await app.page.getByRole('button', { name: 'Edit' }).click()
      await app.page.getByRole('button', { name: 'Make it more like me' }).click()
      await app.page.getByRole('button', { name: /^Download refine models/ }).click()
      await app.page.getByText('More like you now: Undo goes back').waitFor({ timeout: 240_000 })
      const before = await cachedModels(app.page)
      const refineCache = Object.keys(before).find((n) => n.includes('-refine-'))!
      expect(refineCache).toBeTruthy()

      // A newer refine release whose refine graph changed (new sha256), and the download of it damaged.
      await app.page.route(
        '**/v1/models/manifest*',
        rewriteManifest('refine', (b) => ({
          ...b,
          release: 'refine-next',
          files: b.files.map((f) =>
            f.id === 'refine' ? { ...f, sha256: [...f.sha256].reverse().join('') } : f
          ),
        }))
      )
      onnx.length = 0
      await app.page.getByRole('button', { name: 'Make it more like me' }).click()
      await expect
        .poll(() => app.page.getByTestId('refine-models-note').innerText(), { timeout: 60_000 })
        .toMatch(
          /^refine failed verification \(sha256 [0-9a-f]{12}\.\.\. expected [0-9a-f]{12}\.\.\.\); the download was damaged\. Your current models are kept; try again\.$/
        )
      expect(onnx).toContain('/models/refine.onnx')
      // It still refines, with the verified release.
      await expect
        .poll(
          async () => Number(await app.page.getByTestId('refine-run').getAttribute('data-step')),
          {
            timeout: 120_000,
          }
        )
        .toBeGreaterThanOrEqual(1)
      await app.page.getByRole('button', { name: 'Cancel' }).click()
      const after = await cachedModels(app.page)
      expect(after[refineCache]).toEqual(before[refineCache])
      expect(after['facecraft-models-wasm-refine-refine-next'] ?? []).not.toContain(
        before[refineCache]!.at(-1)
      )
    },
    SLOW_MS
  )
})
