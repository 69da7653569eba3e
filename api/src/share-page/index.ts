/**
 * @module share-page — what the Worker answers for an account share link before the app runs: `/s/:id` is the
 * app's index.html with Open Graph tags naming the character and pointing at `/s/:id/preview.png`, which is
 * rendered here by the engine and kept in the Cache API (shares are snapshots: one render per share per
 * colo). Kept outside the Hono API: these are a document and an image for any site to show, not API data, so the
 * API's deny-all CSP and same-site resource policy must not apply. Other /s/ paths get the assets' answer (the
 * app shell); anything else falls through (null).
 */
import type { Character } from '@facecraft/shared/rig'
import type { Env } from '../env.ts'
import { withMeta } from './meta.ts'
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, previewPng } from './preview-image.ts'

const PAGE = /^\/s\/([A-Za-z0-9_-]{12})$/
const IMAGE = /^\/s\/([A-Za-z0-9_-]{12})\/preview\.png$/
/** How long browsers, crawlers and the Cache API keep a preview image, s (a share never changes). */
const IMAGE_MAX_AGE = 7 * 24 * 3600

interface StoredShare {
  name: string
  character: Character
  expiresAt: string | null
}

async function readShare(env: Env, id: string): Promise<StoredShare | null> {
  const share = await env.DATA.get<StoredShare>(`share:${id}`, 'json')
  if (!share || (share.expiresAt && Date.parse(share.expiresAt) <= Date.now())) return null
  return share
}

/** Answers a share page or preview image request; null for any other request. */
export async function sharePage(
  request: Request,
  env: Env,
  ctx: ExecutionContext
): Promise<Response | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null
  const path = new URL(request.url).pathname
  const image = IMAGE.exec(path)?.[1]
  if (image) return previewResponse(request, env, ctx, image)
  const page = PAGE.exec(path)?.[1]
  if (page) return pageResponse(request, env, page)
  // Any other /s/ route (wrangler.toml sends /s/* here first) is the app's, exactly as the assets serve it.
  if (path === '/s' || path.startsWith('/s/')) return env.ASSETS.fetch(request)
  return null
}

async function pageResponse(request: Request, env: Env, id: string): Promise<Response> {
  // The app shell as the assets binding serves it for any app route.
  const shell = await env.ASSETS.fetch(
    new Request(new URL('/', request.url), { headers: request.headers })
  )
  const share = await readShare(env, id).catch(() => null)
  if (!share || !shell.ok) return shell
  const url = `${env.APP_ORIGIN}/s/${id}`
  const html = withMeta(await shell.text(), {
    name: share.name,
    url,
    image: `${url}/preview.png`,
    imageWidth: PREVIEW_WIDTH,
    imageHeight: PREVIEW_HEIGHT,
  })
  const headers = new Headers(shell.headers)
  headers.delete('Content-Length')
  headers.delete('ETag')
  headers.set('Content-Type', 'text/html; charset=utf-8')
  headers.set('Cache-Control', 'public, max-age=60')
  return new Response(html, { status: 200, headers })
}

async function previewResponse(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  id: string
): Promise<Response> {
  const cache = (caches as unknown as { default: Cache }).default
  const key = new Request(new URL(`/s/${id}/preview.png`, request.url).toString())
  const hit = await cache.match(key)
  if (hit) return hit
  const share = await readShare(env, id)
  if (!share) return new Response('No such share (or it expired).', { status: 404 })
  const response = new Response(previewPng(share.character), {
    headers: {
      'Content-Type': 'image/png',
      'Cache-Control': `public, max-age=${IMAGE_MAX_AGE}, immutable`,
      'X-Content-Type-Options': 'nosniff',
    },
  })
  ctx.waitUntil(cache.put(key, response.clone()))
  return response
}
