/**
 * @module rig/v2/styles — rig v2's discrete styles. Option ids are stable and share codes store the option's
 * INDEX, so options are only ever appended. Hair, brow and lash options name the pack's proxy meshes in
 * `proxy` (engine/v2 looks them up); 'bald' and 'buzz' have no hair mesh (buzz is shaded on the scalp).
 */
import type { StyleDefV2 } from './schema.ts'

const option = (id: string, label: string) => ({ id, label })

/** Hair style id -> pack proxy (null: no hair mesh). */
export const HAIR_PROXY: Readonly<Record<string, string | null>> = {
  bald: null,
  buzz: null,
  short: 'short02',
  'short-textured': 'short01',
  'short-swept': 'short03',
  'short-cropped': 'short04',
  afro: 'afro01',
  bob: 'bob01',
  'bob-long': 'bob02',
  braid: 'braid01',
  long: 'long01',
  ponytail: 'ponytail01',
}

/** Brow style id -> pack proxy. */
export const BROW_PROXY: Readonly<Record<string, string>> = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => {
    const n = String(i + 1).padStart(3, '0')
    return [`brow-${n}`, `eyebrow${n}`]
  })
)

/** Brow style ids, in option order. */
export const BROW_IDS: readonly string[] = Object.keys(BROW_PROXY)

/**
 * The two bushiest brow shapes: on a woman they alone make FaceRes read her as a man (read female 0.14 against 0.81
 * as the translator chose, on TRAIN photos: docs/likeness.md, "Why women's characters read as men"), so neither the
 * plausible-people prior nor the creator gives them to women (men and the editor keep every shape).
 */
export const HEAVY_BROWS: readonly string[] = ['brow-009', 'brow-012']

/** Lash style id -> pack proxy. */
export const LASH_PROXY: Readonly<Record<string, string>> = {
  natural: 'eyelashes01',
  full: 'eyelashes02',
  long: 'eyelashes03',
  short: 'eyelashes04',
}

export const STYLES_V2: readonly StyleDefV2[] = Object.freeze([
  {
    id: 'hair.style',
    group: 'hair',
    label: 'Hairstyle',
    options: [
      option('bald', 'Bald'),
      option('buzz', 'Buzz cut'),
      option('short', 'Short'),
      option('short-textured', 'Short textured'),
      option('short-swept', 'Short swept'),
      option('short-cropped', 'Short cropped'),
      option('afro', 'Afro'),
      option('bob', 'Bob'),
      option('bob-long', 'Long bob'),
      option('braid', 'Braid'),
      option('long', 'Long'),
      option('ponytail', 'Ponytail'),
    ],
    default: 'short',
  },
  {
    id: 'brows.style',
    group: 'brows',
    label: 'Brow shape',
    options: BROW_IDS.map((id, i) => option(id, `Brows ${i + 1}`)),
    default: 'brow-001',
  },
  {
    id: 'eyes.lashes',
    group: 'eyes',
    label: 'Lashes',
    options: [
      option('natural', 'Natural'),
      option('full', 'Full'),
      option('long', 'Long'),
      option('short', 'Short'),
    ],
    default: 'natural',
  },
  {
    id: 'hair.facial',
    group: 'hair',
    label: 'Facial hair',
    options: [
      option('none', 'None'),
      option('stubble', 'Stubble'),
      option('moustache', 'Moustache'),
      option('goatee', 'Goatee'),
      option('full-beard', 'Full beard'),
      option('chin-strap', 'Chin strap'),
    ],
    default: 'none',
  },
  {
    id: 'makeup.lipstick',
    group: 'makeup',
    label: 'Lipstick',
    options: [
      option('none', 'None'),
      option('nude', 'Nude'),
      option('red', 'Classic red'),
      option('pink-gloss', 'Pink gloss'),
      option('berry', 'Berry'),
      option('coral', 'Coral'),
    ],
    default: 'none',
  },
  {
    id: 'glasses.style',
    group: 'glasses',
    label: 'Glasses',
    options: [
      option('none', 'None'),
      option('round', 'Round'),
      option('rectangular', 'Rectangular'),
      option('wide', 'Wide'),
      option('sunglasses', 'Sunglasses'),
    ],
    default: 'none',
  },
] satisfies StyleDefV2[]).map((d) => Object.freeze(d))
