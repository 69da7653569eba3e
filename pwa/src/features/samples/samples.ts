/**
 * @module features/samples — characters to start from on a first run: a few samples drawn from the rig's prior
 * (randomCharacter: every combination of the rig is a plausible head) with fixed seeds, so every player sees the
 * same friendly faces, plus the default head. Picking one opens the editor on a copy (nothing is saved until the
 * player saves).
 */
import { createCharacter, randomCharacter, type Character } from '@facecraft/shared/rig'

export interface Sample {
  name: string
  character: Character
}

/**
 * Names and prior seeds of the samples, picked from a contact sheet of seeds 1-48 for variety of face, skin and
 * hair (the uniform prior greys half its heads' hair; these are ones that came out otherwise).
 */
const SEEDS: ReadonlyArray<[name: string, seed: number]> = [
  ['Alex', 5],
  ['Kai', 23],
  ['Sam', 37],
  ['Noor', 30],
  ['Robin', 32],
]

/** The samples, then the plain default head as a neutral preset. */
export function samples(): Sample[] {
  return [
    ...SEEDS.map(([name, seed]) => ({ name, character: randomCharacter(seed) })),
    { name: 'Plain', character: createCharacter() },
  ]
}

/** Hands `sample` to the new-character editor (see readHandOff in lib/use-editor). */
export function handOff(sample: Sample): void {
  try {
    sessionStorage.setItem('facecraft.draft', JSON.stringify(sample))
  } catch {
    // No sessionStorage (private mode): the editor starts from the defaults instead.
  }
}
