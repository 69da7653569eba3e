/**
 * @module rig/styles — the discrete parameters: hairstyle, brow style, facial hair, lipstick.
 * Option ids are stable; share codes store the option's INDEX, so options are only ever appended.
 */
import type { StyleDef } from './schema.ts'

const option = (id: string, label: string) => ({ id, label })

export const STYLES: readonly StyleDef[] = Object.freeze([
  {
    id: 'hair.style',
    group: 'hair',
    label: 'Hairstyle',
    options: [
      option('bald', 'Bald'),
      option('buzz', 'Buzz cut'),
      option('crop', 'Short crop'),
      option('side-part', 'Side part'),
      option('bob', 'Bob'),
      option('long', 'Long'),
      option('bun', 'Bun'),
      option('curly', 'Curly'),
    ],
    default: 'crop',
  },
  {
    id: 'brows.style',
    group: 'brows',
    label: 'Brow style',
    options: [
      option('straight', 'Straight'),
      option('soft-arch', 'Soft arch'),
      option('high-arch', 'High arch'),
      option('angled', 'Angled'),
      option('rounded', 'Rounded'),
      option('bushy', 'Bushy'),
      option('thin', 'Thin'),
    ],
    default: 'soft-arch',
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
] satisfies StyleDef[]).map((def) => Object.freeze(def))
