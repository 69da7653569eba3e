/**
 * @module create/brows — the brow shape of a created woman. Why: the translator's brow choice follows its pseudo-
 * labels and the imitator, not the photo's brow (it cannot see brow thickness well), and it often gives women the
 * rig's thick, straight or bushy shapes (brow-001 to -004, -008 to -012). Those shapes alone make the independent
 * judge (FaceRes) read a woman's character as a man: on 57 TRAIN-split characters with a woman's gender slider
 * (canada + the first pixabay photos, `cli/scripts/women-read.ts`), the share read female with every woman given one
 * shape was 0.14 for brow-009 and -012, 0.53-0.61 for -001, -002, -008, -010, -011, 0.72 for -003, 0.81 for -004, and
 * 0.84-0.95 for the finer, arched brow-005 to -007 (0.81 with the translator's choices); men read female did not rise
 * with those shapes (0.07-0.09, 0.07 as chosen). Most adult women wear finer, shaped brows, so a woman (the
 * character's own gender slider below 0.5, never a photo label) takes the translator's most probable of the fine
 * shapes; men keep the translator's choice.
 */
import type { Character } from '../rig/index.ts'
import { STYLES_V2 } from '../rig/v2/styles.ts'

/** The rig v2 brow shapes a created woman may get: the finer, arched ones. */
export const WOMEN_BROWS: readonly string[] = ['brow-005', 'brow-006', 'brow-007']

const BROW_GROUP = STYLES_V2.findIndex((s) => s.id === 'brows.style')
const BROW_OPTIONS = STYLES_V2[BROW_GROUP]!.options.map((o) => o.id)

/**
 * `character` (rig v2) with a woman's brow shape when its gender slider is a woman's: the translator's most probable
 * (`probabilities`: its per-group style probabilities, concatenated; `styleSizes`: the group sizes) among WOMEN_BROWS.
 * Men, and other rigs, are returned unchanged.
 */
export function applyBrows(
  character: Character,
  probabilities: ArrayLike<number>,
  styleSizes: readonly number[]
): Character {
  if (character.rig !== 2 || (character.sliders['who.gender'] ?? 0.5) >= 0.5) return character
  if (WOMEN_BROWS.includes(character.styles['brows.style']!)) return character
  const start = styleSizes.slice(0, BROW_GROUP).reduce((a, b) => a + b, 0)
  let best = -1
  BROW_OPTIONS.forEach((id, k) => {
    if (
      WOMEN_BROWS.includes(id) &&
      (best < 0 || probabilities[start + k]! > probabilities[start + best]!)
    )
      best = k
  })
  const out: Character = structuredClone(character)
  out.styles['brows.style'] = BROW_OPTIONS[best]!
  return out
}
