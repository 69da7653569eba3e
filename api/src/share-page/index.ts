/**
 * @module share-page — what the Worker answers for share links before the app runs: `/s/:id` (an account share)
 * is the app's index.html with Open Graph tags naming the character and pointing at `/s/:id/preview.png`;
 * `/s/preview/<code>.png` is the same image for an `fc2.` (or `fc1.`, migrated) share code, for links whose code
 * the server never sees (it travels in the #fragment). Images are rendered here by engine v2 (the pack is decoded
 * on the isolate's first image: share-page/head-pack.ts) and kept in the Cache API twice: by share id (no KV read
 * on a hit) and by the character's content (its fc2 code), so every share and code of one character costs one
 * render per colo. Shares saved under rig v1 render migrated. Kept outside the Hono API: these are a document and
 * an image for any site to show, not API data, so the API's deny-all CSP and same-site resource policy must not
 * apply. Other /s/ paths get the assets' answer (the app shell); anything else falls through (null).
 */
import type { Character } from '@facecraft/shared/rig'
import { ShareCodeError } from '@facecraft/shared/rig'
import { decodeAnyShareCode, encodeShareCodeV2, RIG_VERSION_V2 } from '@facecraft/shared/rig-v2'
import type { Env } from '../env.ts'
import { envInt } from '../lib/env-int.ts'
import { openStored } from '../lib/rig.ts'
import { headEngine } from './head-pack.ts'
import { withMeta } from './meta.ts'
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, previewPng } from './preview-image.ts'

const PAGE = /^\/s\/([A-Za-z0-9_-]{12})$/
const IMAGE = /^\/s\/([A-Za-z0-9_-]{12})\/preview\.png$/
/**
 * A share code's image. Codes are ~480 characters with a name (fc2), fewer for fc1; a character made from a photo
 * carries its skin detail (~1,500 more), its residual (~1,400) and its octave (~4,200): up to ~7,000 in all.
 */
const CODE_IMAGE = /^\/s\/preview\/([^/]{1,8192})\.png$/
/** How long browsers, crawlers and the Cache API keep a preview image, s (a share never changes). */
const IMAGE_MAX_AGE = 7 * 24 * 3600
/** Renders of share codes (cache misses only) per client IP per minute (CODE_PREVIEWS_PER_MINUTE): each costs
 * ~0.2-1 s of CPU, and anyone can ask for any code. */
export const CODE_PREVIEWS_PER_MINUTE = 30
/**
 * Part of every cache key and of the og:image URL: bump it when the picture of the same character changes (engine
 * v1's pictures of old shares, cached for a week by colos and longer by chat apps, are not served for v2's).
 */
export const RENDER_VERSION = 'v2.1'

interface StoredShare {
  name: string
  character: Character
  expiresAt: string | null
}

/** A live stored share; null when absent, expired or damaged (not JSON, no character object). */
async function readShare(env: Env, id: string): Promise<StoredShare | null> {
  const share = await env.DATA.get<StoredShare>(`share:${id}`, 'json').catch(() => null)
  if (!share || typeof share !== 'object' || typeof share.character !== 'object') return null
  if (share.character === null || typeof share.name !== 'string') return null
  if (share.expiresAt && Date.parse(share.expiresAt) <= Date.now()) return null
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
  const code = CODE_IMAGE.exec(path)?.[1]
  if (code) return codePreviewResponse(request, env, ctx, code)
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
    image: `${url}/preview.png?r=${RENDER_VERSION}`,
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

const cacheKey = (request: Request, path: string) =>
  new Request(new URL(path, request.url).toString())

const textResponse = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  })

/**
 * The PNG of a rig v2 character from the content cache, else rendered (and cached under `keys` too). `beforeRender`
 * may refuse the render (a rate limit) with a response of its own.
 */
async function characterPng(
  request: Request,
  ctx: ExecutionContext,
  character: Character,
  keys: Request[],
  beforeRender?: () => Promise<Response | null>
): Promise<Response> {
  const cache = (caches as unknown as { default: Cache }).default
  // The fc2 code without a name identifies the picture (values at the code's precision, styles, colours).
  const content = cacheKey(
    request,
    `/s/preview-cache/${RENDER_VERSION}/${encodeShareCodeV2(character)}.png`
  )
  let response = await cache.match(content)
  if (!response) {
    const refused = await beforeRender?.()
    if (refused) return refused
    response = new Response(previewPng(headEngine(), character), {
      headers: {
        'Content-Type': 'image/png',
        'Cache-Control': `public, max-age=${IMAGE_MAX_AGE}, immutable`,
        'X-Content-Type-Options': 'nosniff',
      },
    })
    keys = [content, ...keys]
  }
  for (const key of keys) ctx.waitUntil(cache.put(key, response.clone()))
  return response
}

async function previewResponse(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  id: string
): Promise<Response> {
  const cache = (caches as unknown as { default: Cache }).default
  const key = cacheKey(request, `/s/${id}/preview.png?r=${RENDER_VERSION}`)
  const hit = await cache.match(key)
  if (hit) return hit
  const share = await readShare(env, id)
  if (!share) return textResponse(404, 'No such share (or it expired).')
  const { character } = openStored(share.character, `share ${id.slice(0, 4)}`)
  if (character.rig !== RIG_VERSION_V2) {
    return textResponse(404, 'This share cannot be pictured by this server; open it in the app.')
  }
  return characterPng(request, ctx, character, [key])
}

async function codePreviewResponse(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  code: string
): Promise<Response> {
  let character: Character
  try {
    character = decodeAnyShareCode(decodeURIComponent(code)).character
  } catch (error) {
    // Anyone's input: whatever fails to decode is a damaged code (ShareCodeError says precisely how).
    const message =
      error instanceof ShareCodeError ? error.message : 'This share code is damaged; copy it again.'
    return textResponse(400, message)
  }
  return characterPng(request, ctx, character, [], async () => {
    const ip = request.headers.get('cf-connecting-ip') ?? 'unknown'
    const limiter = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`preview:${ip}`))
    const limit = envInt(env.CODE_PREVIEWS_PER_MINUTE, CODE_PREVIEWS_PER_MINUTE)
    const { allowed, retryAfter } = await limiter.hit(limit, 60)
    return allowed
      ? null
      : textResponse(429, `Too many new pictures; try again in ${retryAfter} s.`, {
          'Retry-After': String(retryAfter),
        })
  })
}
