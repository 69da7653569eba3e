/**
 * @module features/photo/use-model-group — one model group (create, refine) for a screen: is it on this device,
 * what would a download cost, and the download itself with progress. Installed models work offline; a newer
 * release is offered but the installed one keeps working until the new one is verified (model-store).
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { ModelVariant } from '@facecraft/shared/api'
import { ApiError } from '../../lib/account/api-client.ts'
import {
  fetchManifest,
  installedModels,
  installModels,
  pickVariant,
  type InstalledModels,
  type ModelGroup,
  type ModelProgress,
} from './model-store.ts'

/** What the server offers: a release and its download size (null while unknown or offline). */
export interface ModelOffer {
  release: string
  /** The variant asked for (the backend the models will run on): a backend switch installs its files. */
  variant: ModelVariant
  bytes: number
}

export interface ModelGroupState {
  /** The verified release on this device; undefined while reading storage. */
  installed: InstalledModels | null | undefined
  offer: ModelOffer | null
  /** Why nothing can be downloaded now (offline, no release), when the group is not installed. */
  unavailable: string | null
  progress: ModelProgress | null
  error: string | null
  /** Downloads and verifies the offered release (or the latest one); null when it failed (see `error`). */
  download: () => Promise<InstalledModels | null>
  /**
   * The models to use now: the installed release, first updated when the server offers a newer one. A failed
   * update keeps the installed release (see `error`); null only when nothing is installed and the download failed.
   */
  ensure: () => Promise<InstalledModels | null>
}

/** The state of `group` on this device and on the server. */
export function useModelGroup(group: ModelGroup): ModelGroupState {
  const [installed, setInstalled] = useState<InstalledModels | null | undefined>(undefined)
  const [offer, setOffer] = useState<ModelOffer | null>(null)
  const [unavailable, setUnavailable] = useState<string | null>(null)
  const [progress, setProgress] = useState<ModelProgress | null>(null)
  const [error, setError] = useState<string | null>(null)

  // The server's offer, also as a promise: ensure() waits for it, so a photo chosen before it arrived still gets
  // the release the manifest names now (offline it resolves to null and the installed release is used).
  const offerPending = useRef<Promise<ModelOffer | null>>(Promise.resolve(null))

  useEffect(() => {
    let alive = true
    void installedModels(group).then((i) => alive && setInstalled(i))
    const pending = pickVariant()
      .then((variant) => fetchManifest(variant, group))
      .then((m) => ({
        release: m.release,
        variant: m.variant,
        bytes: m.files.reduce((s, f) => s + f.bytes, 0),
      }))
    offerPending.current = pending.catch(() => null)
    pending.then(
      (o) => alive && setOffer(o),
      (e: unknown) => alive && setUnavailable(unavailableMessage(e))
    )
    return () => void (alive = false)
  }, [group])

  async function download(): Promise<InstalledModels | null> {
    setError(null)
    try {
      const manifest = await fetchManifest(await pickVariant(), group)
      const done = await installModels(manifest, setProgress)
      setInstalled(done)
      return done
    } catch (e) {
      setError(unavailableMessage(e))
      return null
    } finally {
      setProgress(null)
    }
  }

  async function ensure(): Promise<InstalledModels | null> {
    const have = installed ?? (await installedModels(group))
    const current = offer ?? (await offerPending.current)
    if (
      have &&
      (!current || (current.release === have.release && current.variant === have.variant))
    )
      return have
    return (await download()) ?? have
  }

  return { installed, offer, unavailable, progress, error, download, ensure }
}

function unavailableMessage(e: unknown): string {
  if (e instanceof ApiError && e.code === 'no-model-release')
    return 'No face models are released yet.'
  if (e instanceof ApiError && e.code === 'offline')
    return 'You are offline: the face models download once, when you are connected; then this works offline.'
  return (e as Error).message
}

/** "5.9 MB" */
export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`
