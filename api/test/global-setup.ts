/** @file vitest globalSetup: one `wrangler dev` (workerd) for the HTTP suite, always stopped afterwards. */
import type { TestProject } from 'vitest/node'
import { randomBytes } from 'node:crypto'
import { startWranglerDev } from './wrangler-dev.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string
    /** The Worker's TOKEN_SECRET, so tests can mint expired and foreign tokens. */
    tokenSecret: string
  }
}

export default async function setup(project: TestProject) {
  const tokenSecret = randomBytes(32).toString('base64url')
  const server = await startWranglerDev({
    // One server for every file: if it dies mid-run, the files after it still get a Worker.
    restarts: 2,
    // Many test accounts come from one IP; the registration limit itself is unit-tested in middleware/rate-limit.
    vars: {
      TOKEN_SECRET: tokenSecret,
      REGISTER_LIMIT_PER_MINUTE: '1000',
      ANONYMOUS_LIMIT_PER_HOUR: '1000',
      SIGNIN_LIMIT_PER_MINUTE: '5',
    },
  })
  project.provide('apiUrl', server.url)
  project.provide('tokenSecret', tokenSecret)
  return () => server.stop()
}
