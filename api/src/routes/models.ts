/**
 * @module routes/models — GET /v1/models/manifest?variant=webgpu|wasm: the model release this client should
 * download (see lib/rollout.ts), with the files for its inference variant. ETag + Cache-Control; 304 on a
 * matching If-None-Match. Reads the release manifests that the PWA build copies into the static assets.
 */
import { Hono, type Context } from 'hono'
import {
  MODEL_VARIANTS,
  type ModelFile,
  type ModelManifestResponse,
  type ModelTensorSpec,
  type ModelVariant,
} from '@facecraft/shared/api'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { sha256Hex } from '../lib/encoding.ts'
import { chooseRelease, manifestPath, parseRollout, ROLLOUT_KEY } from '../lib/rollout.ts'
import { verifyAccessToken } from '../lib/tokens.ts'
import { clientIp } from '../middleware/rate-limit/index.ts'
import { methodNotAllowed } from './method-not-allowed.ts'

/** One model of models/release/manifest.json (written by the model pipeline). */
interface ReleaseModel {
  id: string
  file: string
  sha256: string
  bytes: number
  inputs: ModelTensorSpec[]
  outputs: ModelTensorSpec[]
  /** Variants this file is for; absent = all. */
  variants?: ModelVariant[]
}

interface ReleaseManifest {
  schema: number
  release: string
  rigVersion: number
  models: ReleaseModel[]
}

/** Loads a release manifest from the assets; null when absent or not a manifest (the SPA fallback is HTML). */
async function loadManifest(c: Context<AppEnv>, path: string): Promise<ReleaseManifest | null> {
  const res = await c.env.ASSETS.fetch(new Request(new URL(path, c.req.url)))
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null
  try {
    const m = (await res.json()) as ReleaseManifest
    return m && m.schema === 1 && typeof m.release === 'string' && Array.isArray(m.models)
      ? m
      : null
  } catch {
    return null
  }
}

/** Who the client is, for a stable rollout bucket: the user if signed in, else ?client=, else the IP. */
async function clientKey(c: Context<AppEnv>): Promise<string> {
  const token = /^Bearer +([\w.-]+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
  const claims = token ? await verifyAccessToken(token, c.env.TOKEN_SECRET) : null
  return claims?.sub ?? c.req.query('client') ?? clientIp(c)
}

function toResponse(
  m: ReleaseManifest,
  base: string,
  variant: ModelVariant
): ModelManifestResponse {
  const files: ModelFile[] = m.models
    .filter((f) => !f.variants || f.variants.includes(variant))
    .map((f) => ({
      id: f.id,
      url: `${base}${f.file}`,
      sha256: f.sha256,
      bytes: f.bytes,
      inputs: f.inputs,
      outputs: f.outputs,
    }))
  return { release: m.release, rigVersion: m.rigVersion, variant, files }
}

export const modelRoutes = new Hono<AppEnv>()

modelRoutes.get('/manifest', async (c) => {
  const variant = c.req.query('variant') as ModelVariant
  if (!MODEL_VARIANTS.includes(variant)) {
    throw apiError(400, 'invalid-query', `'variant' must be one of: ${MODEL_VARIANTS.join(', ')}.`)
  }
  const config = parseRollout(await c.env.DATA.get(ROLLOUT_KEY))
  const release = chooseRelease(config, await clientKey(c))
  const path = manifestPath(release)
  const manifest = await loadManifest(c, path)
  if (!manifest || manifest.models.length === 0) {
    if (release) console.error(`rollout names release '${release}' but ${path} is missing`)
    throw apiError(503, 'no-model-release', 'No model release is deployed yet; try again later.')
  }
  const body = JSON.stringify(toResponse(manifest, path.replace(/manifest\.json$/, ''), variant))
  const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`
  const headers = {
    ETag: etag,
    'Cache-Control': 'private, max-age=60, must-revalidate',
    Vary: 'Authorization',
  }
  const inm = c.req.header('if-none-match')
  // `*` matches any current representation (RFC 9110 13.1.2).
  if (inm && inm.split(',').some((t) => ['*', etag].includes(t.trim().replace(/^W\//, '')))) {
    return c.body(null, 304, headers)
  }
  return c.body(body, 200, { ...headers, 'Content-Type': 'application/json' })
})

modelRoutes.all('/manifest', methodNotAllowed('GET'))
