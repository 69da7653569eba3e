/**
 * @module create/brows — no bushy brows on a created woman. Why: the translator's brow choice follows its pseudo-
 * labels and the imitator, not the photo's brow (it cannot see brow thickness well), and it gives some women the
 * rig's two bushiest shapes, brow-009 and brow-012, which alone make the independent judge (FaceRes) read a woman's
 * character as a man. On 57 TRAIN-split characters with a woman's gender slider (canada + the first pixabay photos,
 * `cli/scripts/women-read.ts`), the share read female with every woman given one shape: brow-009 and -012 0.14;
 * -001, -002, -008, -010, -011 0.53-0.61; -003 0.72; -004 0.81; -005 0.95, -006 0.84, -007 0.86 (0.81 as the
 * translator chose). So a woman (the character's own gender slider below 0.5, never a photo label) with one of the
 * two bushy shapes takes the translator's most probable other shape; men keep the translator's choice.
 * Measured (same script, 160 train photos): women read female 0.608 -> 0.633, men 0.074 -> 0.074. Giving women only
 * the finest shapes (005-007) gained two more women but turned a man the translator had made a woman female, and on
 * held-out renders of random characters (whose brows were then uniform) it cost synthetic retrieval_top1 0.795 -> 0.73
 * (this rule: 0.78): the translator's brow does carry identity there. The plausible-people prior (rig/v2
 * randomPlausibleCharacter) gives women no HEAVY_BROWS either, so the imitator's renders teach the same.
 */
import type { Character } from '../rig/index.ts'
import { BROW_IDS, HEAVY_BROWS } from '../rig/v2/styles.ts'
import { styleGroupStart, type RigCodec } from './rigs.ts'

/**
 * `character` (rig v2) without HEAVY_BROWS when its gender slider is a woman's: the translator's most probable
 * (`probabilities`: its per-group style probabilities, concatenated in `rig`'s order) other shape.
 * Men, women with another shape, and other rigs are returned unchanged.
 */
export function applyBrows(
  character: Character,
  probabilities: ArrayLike<number>,
  rig: RigCodec
): Character {
  if (character.rig !== 2 || (character.sliders['who.gender'] ?? 0.5) >= 0.5) return character
  if (!HEAVY_BROWS.includes(character.styles['brows.style']!)) return character
  const start = styleGroupStart(rig, 'brows.style')
  let best = -1
  BROW_IDS.forEach((id, k) => {
    if (HEAVY_BROWS.includes(id)) return
    if (best < 0 || probabilities[start + k]! > probabilities[start + best]!) best = k
  })
  const out: Character = structuredClone(character)
  out.styles['brows.style'] = BROW_IDS[best]!
  return out
}
