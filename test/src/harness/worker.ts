/**
 * @module test/harness/worker — runs the real app as users get it: the built PWA (pwa/dist) and the API under
 * `wrangler dev --local` on a free 127.0.0.1 port with fresh local state (models/release and the WebGPU runtime in
 * its local R2), and always stops it. The launcher itself
 * is the API's (`api/test/wrangler-dev.ts`), so both suites and both benches start wrangler one way.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { freePort, RELEASE_MODELS, startWranglerDev } from '../../../api/test/wrangler-dev.ts'

export { freePort }

/** The repository root (this file is test/src/harness/worker.ts). */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..')
/** What `npm run build -w @facecraft/pwa` writes; served as the Worker's static assets. */
const PWA_DIST = join(REPO_ROOT, 'pwa/dist')

export interface RunningWorker {
  origin: string
  stop(): Promise<void>
}

/**
 * Builds the PWA (`npm run build -w @facecraft/pwa`); throws with the build output on failure.
 * FACECRAFT_PWA_PREBUILT=1 skips it and uses pwa/dist as it is (when iterating on tests alone).
 */
export function buildPwa(): void {
  if (process.env.FACECRAFT_PWA_PREBUILT === '1' && existsSync(join(PWA_DIST, 'index.html'))) return
  const result = spawnSync('npm', ['run', 'build', '-w', '@facecraft/pwa'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`PWA build failed:\n${result.stdout}\n${result.stderr}`)
  }
}

/**
 * Starts wrangler dev serving pwa/dist (built first if missing) with its own empty state directory and a random
 * TOKEN_SECRET; resolves once it answers. The port is chosen here so APP_ORIGIN (CORS, share URLs the API
 * returns) can name the real origin.
 */
export async function startWorker(): Promise<RunningWorker> {
  if (!existsSync(join(PWA_DIST, 'index.html'))) buildPwa()
  const port = await freePort()
  const server = await startWranglerDev({
    assets: PWA_DIST,
    // The released models and the WebGPU runtime, in the Worker's local R2 (scripts/seed-files.mjs).
    models: RELEASE_MODELS,
    port,
    vars: { APP_ORIGIN: `http://127.0.0.1:${port}` },
    // One server for the whole e2e run: if it dies mid-run (it did once, in CI), the files after it still get one.
    restarts: 2,
  })
  return { origin: server.url, stop: server.stop }
}
