/**
 * @file page.goto's one retry of a stalled load (harness/browser retryStalledLoads), against a real Chromium and a
 * local server whose first answer to /stall never comes.
 */
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, newContext, retryStalledLoads, type Launched } from './browser.ts'

let chromium: Launched
let server: Server
let origin = ''
const seen: string[] = []

beforeAll(async () => {
  chromium = await launchChromium()
  server = createServer((req, res) => {
    seen.push(req.url!)
    // The first request for /stall is left hanging, as the stalled loads were; later ones are answered.
    if (req.url === '/stall' && seen.filter((u) => u === '/stall').length === 1) return
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>here</title>')
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}, 60_000)
afterAll(async () => {
  server.closeAllConnections()
  server.close()
  await chromium.close()
})

describe('retryStalledLoads', () => {
  it('loads a stalled page again, once, and gets it', async () => {
    const context = await chromium.browser.newContext()
    try {
      const page = await context.newPage()
      retryStalledLoads(page, 1500)
      const response = await page.goto(`${origin}/stall`)
      expect(response?.status()).toBe(200)
      expect(await page.title()).toBe('here')
      expect(seen.filter((u) => u === '/stall')).toHaveLength(2)
    } finally {
      await context.close()
    }
  }, 30_000)

  it('leaves a goto with a timeout of its own alone, and passes on errors that are not timeouts', async () => {
    const context = await chromium.browser.newContext()
    try {
      const page = await context.newPage()
      retryStalledLoads(page, 1500)
      seen.length = 0
      await expect(page.goto(`${origin}/stall`, { timeout: 1000 })).rejects.toThrow(
        /Timeout 1000ms/
      )
      expect(seen).toEqual(['/stall'])
      const closed = createServer()
      await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
      const port = (closed.address() as { port: number }).port
      await new Promise((done) => closed.close(done))
      await expect(page.goto(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ERR_CONNECTION_REFUSED/)
    } finally {
      await context.close()
    }
  }, 30_000)

  it('is installed on every page of a harness context', async () => {
    const context = await newContext(chromium.browser)
    try {
      const page = await context.newPage()
      expect(page.goto).not.toBe(Object.getPrototypeOf(page).goto)
    } finally {
      await context.close()
    }
  }, 30_000)
})
