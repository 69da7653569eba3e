/**
 * @module create/brows — a created woman's brows read as a woman's. Why: the translator's brow choice follows its
 * pseudo-labels and the imitator, not the photo's brow (it cannot see brow shape well), and most of the rig's shapes
 * alone make the independent judge (FaceRes) read a woman's character as a man: on the 58 TRAIN-split characters
 * with a woman's gender slider (`cli/scripts/women-read.ts --n 160`, canada + the first pixabay photos), the share
 * read female with every woman given one shape is 0.95-1.0 for the fine, arched brow-004 to -007 and 0.45-0.78 for
 * the others (0.14 for the bushy -009 and -012); see WOMEN_BROWS. So a woman (the character's own gender slider below
 * 0.5, never a photo label) with another shape takes the translator's most probable shape among WOMEN_BROWS; men keep
 * the translator's choice. The plausible-people prior (rig/v2 randomPlausibleCharacter) gives women only those
 * shapes too, so the engine's random women, the imitator's data and the synthetic targets agree with the creator.
 * History: session 7 kept women only from the two bushy shapes; giving them only 005-007 then cost synthetic
 * retrieval (0.795 -> 0.73) because the prior's women still drew every shape.
 */
import type { Character } from '../rig/index.ts'
import { BROW_IDS, WOMEN_BROWS } from '../rig/v2/styles.ts'
import { mostProbableOption, styleGroupStart, type RigCodec } from './rigs.ts'

/**
 * `character` (rig v2) with a brow among WOMEN_BROWS when its gender slider is a woman's: the translator's most
 * probable one (`probabilities`: its per-group style probabilities, concatenated in `rig`'s order).
 * Men, women who already have such a shape, and other rigs are returned unchanged.
 */
export function applyBrows(
  character: Character,
  probabilities: ArrayLike<number>,
  rig: RigCodec
): Character {
  if (character.rig !== 2 || (character.sliders['who.gender'] ?? 0.5) >= 0.5) return character
  if (WOMEN_BROWS.includes(character.styles['brows.style']!)) return character
  const start = styleGroupStart(rig, 'brows.style')
  const out: Character = structuredClone(character)
  out.styles['brows.style'] = mostProbableOption(BROW_IDS, probabilities, start, (id) =>
    WOMEN_BROWS.includes(id)
  )!
  return out
}
