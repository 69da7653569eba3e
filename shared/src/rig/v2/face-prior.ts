/**
 * @module rig/v2/face-prior — the face-shape prior of plausible people, fitted to real faces: a low-rank
 * Gaussian over the symmetric face sliders (mirrored pairs move together; sliders that only move a feature
 * sideways stay centred), from characters fitted by landmarks to the train photos of ../shared/faces (see
 * cli/scripts/prior-v2). Maps a latent vector z (standard normal coordinates) to face slider values, so a
 * sampler draws z ~ N(0, I) and a search can move in the whitened space with |z|^2 as its prior penalty.
 */
import { FACE_PRIOR } from './face-prior.gen.ts'
import { SLIDERS_V2 } from './sliders.ts'

/** Face sliders that move one feature sideways (a crooked nose or mouth): always centred in the prior. */
export const ASYMMETRIC_FACE_SLIDERS: readonly string[] = [
  'face.nose-trans.in-out',
  'face.mouth-trans.in-out',
]

/** The prior's name for a face slider: mirrored pairs ('face.l-eye-..', 'face.r-eye-..') share one. */
export const symmetricKey = (id: string): string => id.replace(/^face\.[lr]-/, 'face.')

const clamp = (x: number) => (x < -1 ? -1 : x > 1 ? 1 : x)

/** Number of latent coordinates (principal components) of the face prior. */
export const FACE_PRIOR_RANK: number = FACE_PRIOR.components.length

/** Slider ids of each prior key (one, or a mirrored pair). */
const MEMBERS: readonly (readonly string[])[] = FACE_PRIOR.keys.map((key) =>
  SLIDERS_V2.filter((s) => s.kind === 'face' && s.low && symmetricKey(s.id) === key).map(
    (s) => s.id
  )
)

/**
 * Writes the face sliders of latent `z` (length FACE_PRIOR_RANK; missing entries 0) plus `detail` (per key,
 * in units of the prior's residual sd: the part the components do not explain) into `sliders`. Values are in
 * half-ranges of each slider's safe limit, clipped there; `spread` scales the whole offset from the mean.
 */
export function faceSlidersFromLatent(
  z: ArrayLike<number>,
  sliders: Record<string, number>,
  detail?: ArrayLike<number>,
  spread = 1
): void {
  const { mean, components, residual } = FACE_PRIOR
  for (let k = 0; k < MEMBERS.length; k++) {
    let d = 0
    for (let c = 0; c < components.length; c++) d += (z[c] ?? 0) * components[c]![k]!
    if (detail) d += (detail[k] ?? 0) * residual[k]!
    const v = 0.5 + 0.5 * clamp(mean[k]! + spread * d)
    for (const id of MEMBERS[k]!) sliders[id] = v
  }
  for (const id of ASYMMETRIC_FACE_SLIDERS) sliders[id] = 0.5
}

/** Number of per-key detail coordinates (one per prior key). */
export const FACE_PRIOR_KEYS: number = FACE_PRIOR.keys.length
