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

/** Names and prior seeds of the samples (seeds picked for variety of face, skin, hair). */
const SEEDS: ReadonlyArray<[name: string, seed: number]> = [
  ['Ada', 7],
  ['Bo', 21],
  ['Chidi', 42],
  ['Dana', 64],
  ['Emi', 99],
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
