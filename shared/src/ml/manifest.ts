/** @module ml/manifest — the model manifest written by models/ (models/release/manifest.json), as TS types. */

/** One tensor of a model's signature. Dims that are not positive integers (-1, 'N', null) are dynamic. */
export interface TensorSpec {
  name: string
  shape: readonly (number | string | null)[]
  dtype: string
}

/** What a client downloads for each step: `create` (photo -> character: detector, mesh, recogniser, translator),
 * `refine` (the refine graph), `eval` (evaluation and tooling only: the eval recognisers, and imitator.onnx, whose
 * weights the refine graph embeds). */
export const MODEL_GROUPS = ['create', 'refine', 'eval'] as const
export type ModelGroup = (typeof MODEL_GROUPS)[number]

/** One released model file. */
export interface ModelEntry {
  /** Stable id: face-detector, face-mesh, face-embedder, face-embedder-eval, face-embedder-dlib, ... */
  id: string
  /** Path relative to the manifest. */
  file: string
  /** Lower-case hex SHA-256 of the file; loaders refuse a file that does not match. */
  sha256: string
  bytes: number
  /** The step that needs this file. Manifests before groups have none: read such an entry as needed by every step. */
  group?: ModelGroup
  /** The rig version the file was trained for; null (or absent) when it does not depend on the rig. */
  rigVersion?: number | null
  /** The translator's input feature layout (FEATURE_VERSION of shared/create it was trained on); other files have none. */
  featureVersion?: number
  inputs: readonly TensorSpec[]
  outputs: readonly TensorSpec[]
  /** Free-form description of the expected input range (e.g. "RGB 0..1"); informative. */
  normalisation?: unknown
  licence?: string
  card?: string
  check?: unknown
}

/** The manifest file. */
export interface ModelManifest {
  schema: number
  release: string
  rigVersion?: number | string
  models: readonly ModelEntry[]
}

/** The entry with `id`; throws a message listing the ids the manifest has. */
export function findModel(manifest: ModelManifest, id: string): ModelEntry {
  const entry = manifest.models.find((m) => m.id === id)
  if (!entry) {
    const ids = manifest.models.map((m) => m.id).join(', ') || 'none'
    throw new Error(
      `Model '${id}' is not in manifest release ${manifest.release} (it has: ${ids}); rebuild the models (models/README) or update the manifest.`
    )
  }
  return entry
}

/** Checks the top-level shape of parsed manifest JSON (and every entry's group, when present); returns it typed. */
export function parseManifest(json: unknown): ModelManifest {
  const m = json as Partial<ModelManifest> | null
  if (!m || typeof m !== 'object' || m.schema !== 1 || !Array.isArray(m.models)) {
    throw new Error(
      'The model manifest is not a schema-1 facecraft manifest ({schema: 1, release, models: [...]}); rebuild the models.'
    )
  }
  const bad = m.models.filter(
    (e) => e.group !== undefined && !(MODEL_GROUPS as readonly string[]).includes(e.group)
  )
  if (bad.length) {
    const list = bad.map((e) => `${e.id} ('${String(e.group)}')`).join(', ')
    throw new Error(
      `Model manifest release ${m.release}: unknown group for ${list}; a group is one of ${MODEL_GROUPS.join(', ')}. Rebuild the models.`
    )
  }
  return m as ModelManifest
}

/** The entries a client needs for `group`; an entry without a group (older manifests) counts for every group. */
export function modelsInGroup(manifest: ModelManifest, group: ModelGroup): ModelEntry[] {
  return manifest.models.filter((m) => m.group === undefined || m.group === group)
}
