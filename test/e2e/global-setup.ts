/** @file Builds the PWA, starts wrangler dev once for all e2e files, and always stops it. */
import type {} from 'vitest'
import type { TestProject } from 'vitest/node'
import { buildPwa, startWorker, type RunningWorker } from '../src/harness/index.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string
  }
}

let worker: RunningWorker | null = null

export async function setup(project: TestProject): Promise<void> {
  // A fresh build, so the tests exercise the code in this checkout and not a stale dist/.
  buildPwa()
  worker = await startWorker()
  project.provide('origin', worker.origin)
}

export async function teardown(): Promise<void> {
  await worker?.stop()
}
