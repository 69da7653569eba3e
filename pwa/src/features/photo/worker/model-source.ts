/**
 * @module features/photo/worker/model-source — one ModelSource over the model store's verified Cache API copies of
 * every installed group (create, later refine), so the Worker's one model loader serves detect, create and refine
 * offline. The manifest grows when a group is installed: the loader and CharacterCreator look models up at load
 * time, so sessions already made stay and nothing reloads.
 */
import type { ModelFile } from '@facecraft/shared/api'
import { FEATURE_VERSION } from '@facecraft/shared/create'
import type { ModelEntry, ModelManifest, ModelSource } from '@facecraft/shared/ml'
import type { InstalledModels } from '../model-store.ts'

/**
 * A manifest entry for an API file. The API (v1.4) sends each file's `rigVersion` and the translator's
 * `featureVersion`, which CharacterCreator checks against this build. Models installed from an older server (v1.3,
 * kept in the Cache API) lack them: the release's `rigVersion` stands in for the rig, and this build's feature
 * layout for the translator's (that server served the release this app was built with, and the translator's
 * 480-wide input, checked by CharacterCreator, still guards the layout's size).
 */
function entryOf(f: ModelFile, installed: InstalledModels): ModelEntry {
  return {
    ...f,
    file: f.url,
    rigVersion: f.rigVersion === undefined ? installed.rigVersion : f.rigVersion,
    ...(f.id === 'translator' ? { featureVersion: f.featureVersion ?? FEATURE_VERSION } : {}),
  }
}

/** A growing source: `add` puts another installed group's files in. */
export interface GroupedSource extends ModelSource {
  /** Adds (once) the files of another installed group of the same variant. */
  add(installed: InstalledModels): void
  /** The model caches (one per group and release) added so far. */
  readonly added: ReadonlySet<string>
}

/** The source of the create group; add the refine group when it is installed. */
export function groupedSource(create: InstalledModels): GroupedSource {
  const manifest: ModelManifest = {
    schema: 1,
    release: create.release,
    rigVersion: create.rigVersion,
    models: [],
  }
  const cacheOf = new Map<string, string>() // file url -> cache name
  const added = new Set<string>()
  const add = (installed: InstalledModels) => {
    if (added.has(installed.cacheName)) return
    added.add(installed.cacheName)
    const ids = new Set(installed.files.map((f) => f.id))
    const entries = installed.files.map((f) => entryOf(f, installed))
    manifest.models = [...manifest.models.filter((m) => !ids.has(m.id)), ...entries]
    for (const f of installed.files) cacheOf.set(f.url, installed.cacheName)
  }
  add(create)
  return {
    manifest,
    add,
    added,
    async read(file) {
      const cacheName = cacheOf.get(file)
      const response = cacheName ? await (await caches.open(cacheName)).match(file) : undefined
      if (!response)
        throw new Error(`${file} is missing from this device; download the face models again.`)
      return new Uint8Array(await response.arrayBuffer())
    },
  }
}
