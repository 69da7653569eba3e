/**
 * @module features/photo/model-store — the face models for "create from photo": reads the API's manifest, downloads each
 * file with progress, verifies its sha256, and caches it (Cache API) for offline use. A new release goes into its
 * own cache; the old one is deleted only after every new file is verified, so a failed update never leaves the
 * player without working models. Without the Cache API, reads degrade to null and downloads explain why.
 */
import type { ModelFile, ModelManifestResponse, ModelVariant } from '@facecraft/shared/api'
import { api } from '../../lib/account/api-client.ts'
import { currentBackend } from './backend.ts'
import { getSetting, setSetting } from '../../lib/store/db.ts'
import { storageError, toStorageError } from '../../lib/store/storage-error.ts'

/** The setting that records a group's verified release ('models.installed' held the create group before groups). */
const installedKey = (group: ModelGroup) =>
  group === 'create' ? 'models.installed' : `models.installed.${group}`
const CACHE_PREFIX = 'facecraft-models-'

/**
 * The step a model file serves (the API's ModelFile.group, API v1.3): 'create' (photo -> character), 'refine',
 * 'eval' (recognisers for measurements only). "Create from photo" needs 'create' alone.
 */
export type ModelGroup = 'create' | 'refine' | 'eval'
/** The group this app downloads for "create from photo". */
export const CREATE_GROUP: ModelGroup = 'create'
/** The group "Make it more like me" downloads on first use. */
export const REFINE_GROUP: ModelGroup = 'refine'
const GROUPS: readonly ModelGroup[] = ['create', 'refine', 'eval']

/** The release whose every file is verified and cached. */
export interface InstalledModels {
  release: string
  variant: ModelVariant
  rigVersion: number
  cacheName: string
  files: ModelFile[]
}

/** Download progress in bytes across all files of the release. */
export interface ModelProgress {
  loaded: number
  total: number
  file: string
}

/**
 * The variant to ask the server for: the backend the models will run on (backend.ts: WebGPU when this browser
 * has an adapter and the player did not choose WASM), so a release may give WebGPU its own files.
 */
export async function pickVariant(): Promise<ModelVariant> {
  return (await currentBackend()).backend
}

/**
 * The latest release the server offers for `variant`, only the files of `group` (throws ApiError, e.g.
 * 'no-model-release' or 'offline'). Asks with `group=` (API v1.3) and also filters here: a server before v1.3
 * ignores the parameter and sends no `group` fields, and a file without one counts as 'create'.
 */
export async function fetchManifest(
  variant: ModelVariant,
  group: ModelGroup = CREATE_GROUP
): Promise<ModelManifestResponse> {
  const manifest = await api<ModelManifestResponse>(
    `/v1/models/manifest?variant=${variant}&group=${group}`
  )
  return { ...manifest, files: filesOfGroup(manifest.files, group) }
}

/** The files of `group` (a file with no `group` field is a 'create' file). */
export function filesOfGroup(files: readonly ModelFile[], group: ModelGroup): ModelFile[] {
  return files.filter((f) => ((f as { group?: string }).group ?? 'create') === group)
}

/** The cache of one release of one group: `facecraft-models-<variant>-<group>-<release>`. */
export function cacheNameOf(variant: ModelVariant, group: ModelGroup, release: string): string {
  return `${CACHE_PREFIX}${variant}-${group}-${release}`
}

/** The group a model cache holds; caches named before groups existed (no group segment) held 'create' files. */
export function cacheGroup(name: string): ModelGroup {
  const segment = name.slice(CACHE_PREFIX.length).split('-')[1] as ModelGroup
  return GROUPS.includes(segment) ? segment : 'create'
}

/** The verified release of `group` on this device, or null. */
export function installedModels(group: ModelGroup = CREATE_GROUP): Promise<InstalledModels | null> {
  return getSetting<InstalledModels>(installedKey(group))
}

const inFlight = new Map<string, Promise<InstalledModels>>()

/** Downloads, verifies and installs a release (deduped: a second call joins the first). */
export function installModels(
  manifest: ModelManifestResponse,
  onProgress: (p: ModelProgress) => void = () => undefined
): Promise<InstalledModels> {
  const key = `${manifest.release}/${manifest.variant}/${groupOf(manifest)}`
  let job = inFlight.get(key)
  if (!job) {
    job = install(manifest, onProgress).finally(() => inFlight.delete(key))
    inFlight.set(key, job)
  }
  return job
}

async function install(
  manifest: ModelManifestResponse,
  onProgress: (p: ModelProgress) => void
): Promise<InstalledModels> {
  if (typeof caches === 'undefined') throw storageError('unavailable')
  const cacheName = cacheNameOf(manifest.variant, groupOf(manifest), manifest.release)
  const cache = await caches
    .open(cacheName)
    .catch((e: unknown) => Promise.reject(toStorageError(e)))
  const total = manifest.files.reduce((sum, f) => sum + f.bytes, 0)
  let done = 0
  for (const file of manifest.files) {
    // This release's cache first, then any other (the same file of another variant or release, e.g. after the
    // player switched backend): a copy is used only if its sha256 matches this manifest's, and is copied here.
    const own = await cache.match(file.url)
    const cached = own ?? (await caches.match(file.url))
    const copy = cached ? new Uint8Array(await cached.arrayBuffer()) : null
    let bytes: Uint8Array<ArrayBuffer> | null =
      copy && copy.length === file.bytes && (await sha256Hex(copy)) === file.sha256.toLowerCase()
        ? copy
        : null
    if (!bytes) {
      bytes = await download(file, (loaded) =>
        onProgress({ loaded: done + loaded, total, file: file.id })
      )
      await verify(file, bytes)
    }
    if (!own || bytes !== copy) {
      await cache
        .put(
          file.url,
          new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } })
        )
        .catch((e: unknown) => Promise.reject(toStorageError(e)))
    }
    done += file.bytes
    onProgress({ loaded: done, total, file: file.id })
  }
  const installed: InstalledModels = {
    release: manifest.release,
    variant: manifest.variant,
    rigVersion: manifest.rigVersion,
    cacheName,
    files: manifest.files,
  }
  await setSetting(installedKey(groupOf(manifest)), installed)
  await dropOtherReleases(cacheName)
  return installed
}

/** The group of a manifest's files (fetchManifest keeps one group; an empty or unlabelled list is 'create'). */
function groupOf(manifest: ModelManifestResponse): ModelGroup {
  const group = (manifest.files[0] as { group?: string } | undefined)?.group as
    ModelGroup | undefined
  return group && GROUPS.includes(group) ? group : 'create'
}

/** Streams one file, reporting bytes received. */
async function download(
  file: ModelFile,
  onBytes: (loaded: number) => void
): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response
  try {
    response = await fetch(file.url, { cache: 'no-store' })
  } catch {
    throw new Error(
      `Could not download ${file.id}: you seem to be offline. Try again when connected.`
    )
  }
  if (!response.ok || !response.body) {
    throw new Error(`Could not download ${file.id} (HTTP ${response.status}); try again later.`)
  }
  const out = new Uint8Array(new ArrayBuffer(file.bytes))
  const reader = response.body.getReader()
  let loaded = 0
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (loaded + chunk.value.length > out.length) {
      await reader.cancel()
      throw new Error(
        `${file.id} is larger than its manifest says; the release is inconsistent, try later.`
      )
    }
    out.set(chunk.value, loaded)
    loaded += chunk.value.length
    onBytes(loaded)
  }
  return out.subarray(0, loaded)
}

async function verify(file: ModelFile, bytes: Uint8Array): Promise<void> {
  const hash = await sha256Hex(bytes)
  if (bytes.length !== file.bytes || hash !== file.sha256.toLowerCase()) {
    throw new Error(
      `${file.id} failed verification (sha256 ${hash.slice(0, 12)}... expected ${file.sha256.slice(0, 12)}...); ` +
        'the download was damaged. Your current models are kept; try again.'
    )
  }
}

/** Lower-case hex SHA-256 of the bytes. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource)
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Deletes the other releases of `keep`'s group (another group's models, if ever installed, stay). */
async function dropOtherReleases(keep: string): Promise<void> {
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX) && name !== keep && cacheGroup(name) === cacheGroup(keep))
      await caches.delete(name)
  }
}
