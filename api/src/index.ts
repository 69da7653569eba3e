/**
 * @module api — the Worker entry: account share pages and their preview images (share-page), else the Hono app;
 * plus the Durable Object classes wrangler.toml binds.
 */
import { createApp } from './app.ts'
import type { Env } from './env.ts'
import { sharePage } from './share-page/index.ts'

export { UserIndex } from './store/user-index.ts'
export { RateLimiter } from './store/rate-limiter.ts'

const app = createApp()

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    return (await sharePage(request, env, ctx)) ?? app.fetch(request, env, ctx)
  },
} satisfies ExportedHandler<Env>
