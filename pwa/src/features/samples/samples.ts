/**
 * @module features/samples — characters to start from on a first run: a few samples drawn from the rig's prior
 * (randomPlausibleCharacter: plausible people, rig v2) with fixed seeds, so every player sees the
 * same friendly faces, plus the default head. Picking one opens the editor on a copy (nothing is saved until the
 * player saves).
 */
import type { Character } from '@facecraft/shared/rig'
import { createCharacterV2, randomPlausibleCharacter } from '@facecraft/shared/rig-v2'

export interface Sample {
  name: string
  character: Character
}

/**
 * Names and prior seeds of the samples, picked from seeds 1-80 of the plausible-people prior for variety of sex,
 * heritage, hair and skin among young adults (older ones are a "Random" away; grey heads all first looked samey).
 */
const SEEDS: ReadonlyArray<[name: string, seed: number]> = [
  ['Alex', 7],
  ['Kai', 12],
  ['Sam', 22],
  ['Noor', 17],
  ['Robin', 29],
]

/** The samples, then the plain default head as a neutral preset. */
export function samples(): Sample[] {
  return [
    ...SEEDS.map(([name, seed]) => ({ name, character: randomPlausibleCharacter(seed) })),
    { name: 'Plain', character: createCharacterV2() },
  ]
}
