/** @module ml/loader — loads manifest models once: in-flight loads are shared, failures are not cached. */
import { findModel, type ModelManifest } from './manifest.ts'
import { ModelSession, type SessionOptions } from './session.ts'

/** Where model files come from: the manifest plus a reader for its relative file names. */
export interface ModelSource {
  manifest: ModelManifest
  /** Reads `file` (relative to the manifest): fs in Node, fetch + Cache API in the PWA. */
  read(file: string): Promise<Uint8Array>
}

/** A model source over fetch(): files live beside `manifestUrl`. */
export async function fetchModelSource(manifestUrl: string | URL): Promise<ModelSource> {
  const response = await fetch(manifestUrl)
  if (!response.ok) {
    throw new Error(
      `Could not load the model manifest ${String(manifestUrl)} (HTTP ${response.status}); check that you are online, then retry.`
    )
  }
  const manifest = (await response.json()) as ModelManifest
  return {
    manifest,
    async read(file) {
      const r = await fetch(new URL(file, manifestUrl))
      if (!r.ok)
        throw new Error(
          `Could not download model ${file} (HTTP ${r.status}); check that you are online, then retry.`
        )
      return new Uint8Array(await r.arrayBuffer())
    },
  }
}

/** Creates sessions for model ids, deduping concurrent loads of the same id/device/runtime. */
export class ModelLoader {
  private readonly inFlight = new Map<string, Promise<ModelSession>>()

  constructor(
    readonly source: ModelSource,
    readonly options: SessionOptions = {}
  ) {}

  /** The session for `id` (one load per id, even when asked for concurrently). */
  load(id: string): Promise<ModelSession> {
    const key = `${id}|${this.options.device ?? 'auto'}|${this.options.runtime ?? 'default'}`
    let pending = this.inFlight.get(key)
    if (!pending) {
      const entry = findModel(this.source.manifest, id)
      pending = this.source
        .read(entry.file)
        .then((bytes) => ModelSession.create(entry, bytes, this.options))
      // A failed load is forgotten so that a retry (e.g. after going back online) loads again.
      pending.catch(() => this.inFlight.delete(key))
      this.inFlight.set(key, pending)
    }
    return pending
  }

  /** Releases every session loaded so far. */
  async dispose(): Promise<void> {
    const sessions = await Promise.allSettled(this.inFlight.values())
    this.inFlight.clear()
    for (const s of sessions) if (s.status === 'fulfilled') await s.value.dispose()
  }
}
