/** @module api — the Worker entry: the Hono app plus the Durable Object classes wrangler.toml binds. */
import { createApp } from './app.ts'

export { UserIndex } from './store/user-index.ts'
export { RateLimiter } from './store/rate-limiter.ts'
export { EmailClaim } from './store/email-claim.ts'

export default createApp()
