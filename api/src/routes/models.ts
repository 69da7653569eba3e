/**
 * @module routes/models — GET /v1/models/manifest?variant=webgpu|wasm: the model release this client should
 * download (see lib/rollout.ts), with the files for its inference variant. ETag + Cache-Control; 304 on a
 * matching If-None-Match. Reads the release manifests from the FILES bucket (routes/files serves their files). Its
 * `rigVersion` is the rig of the characters the served models produce (see {@link servedRigVersion}).
 */
import { Hono, type Context } from 'hono'
import {
  MODEL_GROUPS,
  MODEL_VARIANTS,
  type ModelGroup,
  type ModelFile,
  type ModelManifestResponse,
  type ModelTensorSpec,
  type ModelVariant,
} from '@facecraft/shared/api'
import { CURRENT_RIG_VERSION } from '@facecraft/shared/rig-v2'
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
  /** The step that needs the file; absent (older manifests) = 'create'. */
  group?: ModelGroup
  /** The rig the file was trained for; null: it does not depend on one; absent (older manifests): the release's. */
  rigVersion?: number | null
  /** The translator's input feature layout; only files that have one. */
  featureVersion?: number
}

interface ReleaseManifest {
  schema: number
  release: string
  rigVersion: number
  models: ReleaseModel[]
}

/**
 * Loads a release manifest from the FILES bucket (key = path without its `/`); null when absent, unreadable or
 * not a manifest, or when the bucket is not bound (logged).
 */
async function loadManifest(c: Context<AppEnv>, path: string): Promise<ReleaseManifest | null> {
  if (!c.env.FILES) {
    console.error('FILES (R2) binding missing: no model release can be served')
    return null
  }
  const object = await c.env.FILES.get(path.replace(/^\//, ''))
  if (!object) return null
  try {
    const m = (await object.json()) as ReleaseManifest
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

/**
 * The rig version a client should expect from these files: the one rig-dependent files were trained for (a rig v1
 * imitator makes v1 characters, which the app opens migrated), or the server's current rig when no file depends
 * on a rig (face detection and embedding work with any). A file without the field (manifests before it) counts as
 * trained for the release's `rigVersion`. Files trained for different rigs: the newest (logged; a release bug).
 */
export function servedRigVersion(releaseRig: number, files: readonly ReleaseModel[]): number {
  const rigs = new Set<number>()
  for (const f of files) {
    const rig = f.rigVersion === undefined ? releaseRig : f.rigVersion
    if (typeof rig === 'number') rigs.add(rig)
  }
  if (rigs.size > 1) console.error('model release mixes rig versions', [...rigs].join(','))
  return rigs.size ? Math.max(...rigs) : CURRENT_RIG_VERSION
}

/**
 * The `group` query: null when absent (every file), else the set asked for (repeatable, or comma-separated);
 * 400 for anything that is not a group.
 */
export function groupsQuery(values: readonly string[] | undefined): Set<ModelGroup> | null {
  if (!values?.length) return null
  const asked = values.flatMap((v) => v.split(',')).map((g) => g.trim())
  const bad = asked.find((g) => !(MODEL_GROUPS as readonly string[]).includes(g))
  if (bad !== undefined) {
    throw apiError(
      400,
      'invalid-query',
      `'group' must be one or more of: ${MODEL_GROUPS.join(', ')} (got '${bad.slice(0, 20)}').`
    )
  }
  return new Set(asked as ModelGroup[])
}

function toResponse(
  m: ReleaseManifest,
  base: string,
  variant: ModelVariant,
  groups: Set<ModelGroup> | null
): ModelManifestResponse {
  const served = m.models.filter(
    (f) =>
      (!f.variants || f.variants.includes(variant)) && (!groups || groups.has(f.group ?? 'create'))
  )
  const files: ModelFile[] = served.map((f) => ({
    id: f.id,
    url: `${base}${f.file}`,
    sha256: f.sha256,
    bytes: f.bytes,
    inputs: f.inputs,
    outputs: f.outputs,
    group: f.group ?? 'create',
    // Per file, so a client can check each file against the rig and feature layout it was built for.
    rigVersion: f.rigVersion === undefined ? m.rigVersion : f.rigVersion,
    ...(typeof f.featureVersion === 'number' ? { featureVersion: f.featureVersion } : {}),
  }))
  return {
    release: m.release,
    rigVersion: servedRigVersion(m.rigVersion, served),
    variant,
    files,
  }
}

export const modelRoutes = new Hono<AppEnv>()

modelRoutes.get('/manifest', async (c) => {
  const variant = c.req.query('variant') as ModelVariant
  if (!MODEL_VARIANTS.includes(variant)) {
    throw apiError(400, 'invalid-query', `'variant' must be one of: ${MODEL_VARIANTS.join(', ')}.`)
  }
  const groups = groupsQuery(c.req.queries('group'))
  const config = parseRollout(await c.env.DATA.get(ROLLOUT_KEY))
  const release = chooseRelease(config, await clientKey(c))
  const path = manifestPath(release)
  const manifest = await loadManifest(c, path)
  if (!manifest || manifest.models.length === 0) {
    if (release) console.error(`rollout names release '${release}' but ${path} is missing`)
    throw apiError(503, 'no-model-release', 'No model release is deployed yet; try again later.')
  }
  const body = JSON.stringify(
    toResponse(manifest, path.replace(/manifest\.json$/, ''), variant, groups)
  )
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
