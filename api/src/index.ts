/**
 * @module api — the Worker entry: account share pages and their preview images (share-page), else the Hono app;
 * plus the Durable Object classes wrangler.toml binds.
 */
import { createApp } from './app.ts'
import type { Env } from './env.ts'
import { withStaticHeaders } from './middleware/static-assets/index.ts'
import { sharePage } from './share-page/index.ts'

export { UserIndex } from './store/user-index.ts'
export { RateLimiter } from './store/rate-limiter.ts'
export { EmailClaim } from './store/email-claim.ts'

const app = createApp()

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    // Share pages are answered before the app, so they take the static security headers here.
    const page = await sharePage(request, env, ctx)
    return page ? withStaticHeaders(page) : app.fetch(request, env, ctx)
  },
} satisfies ExportedHandler<Env>
