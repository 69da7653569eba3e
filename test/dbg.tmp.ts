import { launchChromium, phoneContext, startWorker, WEBGPU_FLAGS } from './src/harness/index.ts'
import { londonPhoto } from './e2e/photos.ts'
const w = await startWorker()
const c = await launchChromium(WEBGPU_FLAGS)
const t0 = Date.now()
const log = (...a: unknown[]) => console.log(((Date.now() - t0) / 1000).toFixed(1), ...a)
try {
  const ctx = await phoneContext(c.browser, w.origin)
  const p = await ctx.newPage()
  p.on('console', (m) => log('console', m.type(), m.text().slice(0, 300)))
  p.on('pageerror', (e) => log('pageerror', e.message))
  ctx.on('response', (r) => { const u = new URL(r.url()).pathname; if (u.startsWith('/ort') || u.startsWith('/models') || u.startsWith('/v1/models')) log('resp', r.status(), u) })
  ctx.on('requestfailed', (r) => log('reqfailed', r.url(), r.failure()?.errorText))
  await p.goto('/')
  await p.getByRole('button', { name: /From a photo/ }).click()
  await p.getByTestId('photo-file').setInputFiles(londonPhoto(1))
  for (let i = 0; i < 12; i++) {
    await p.waitForTimeout(10000)
    const txt = (await p.locator('main').innerText()).replace(/\s+/g, ' ').slice(0, 300)
    log('main:', txt)
    if (await p.getByTestId('photo-result').count()) break
  }
} finally { await c.close(); await w.stop() }
