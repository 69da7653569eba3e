/**
 * Eyes read as open, natural eyes (issue #8): in a front render with the look shader, the lids and lashes leave
 * most of each iris visible. Measured as the rendered iris pixels (the real look shader draws every fragment;
 * only the eyeball's iris disc is then painted in a flag colour) over the iris discs' projected area.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Shader } from '../../render/rasterize.ts'
import type { Character } from '../../rig/index.ts'
import { createCharacterV2, randomPlausibleCharacter } from '../../rig/v2/index.ts'
import type { CharacterEngineV2 } from './character.ts'
import { useHeadPack, type ShaderFactory } from './index.ts'
import { createHeadShader } from './look/index.ts'
import { inIris, irisArea } from './iris-area.ts'
import { MATERIAL } from './mesh-types.ts'
import { headView } from './view.ts'

const PACK = new URL('../../../assets/head-v2/head-v2.bin', import.meta.url)
const SIZE = 256
let engine: CharacterEngineV2

beforeAll(() => {
  engine = useHeadPack(new Uint8Array(readFileSync(PACK)))
})

/** The look shader, with every visible iris fragment white and everything else black. */
const irisProbe: ShaderFactory = (mesh, appearance, view) => {
  const look = createHeadShader(mesh, appearance, view)
  const uv = mesh.uvs
  const corners = [0, 0, 0]
  let mat = 0
  const probe: Shader = {
    vertex(face, corner, clip) {
      look.vertex(face, corner, clip)
      corners[corner] = mesh.indices[face * 3 + corner]!
      if (corner === 0) mat = mesh.material[face]!
    },
    fragment(b, color) {
      if (!look.fragment(b, color)) return false
      let u = 0
      let v = 0
      for (let k = 0; k < 3; k++) {
        u += b[k]! * uv[corners[k]! * 2]!
        v += b[k]! * uv[corners[k]! * 2 + 1]!
      }
      const iris = mat === MATERIAL.eyeball && inIris(u, v) ? 1 : 0
      color[0] = color[1] = color[2] = iris
      return true
    },
  }
  return probe
}

/** Share of the two irises' projected area that shows in a front render of `c` (glasses off, short hair: the
 * fringe styles hide an eye on purpose). */
function visibleIris(c: Character): number {
  const character = {
    ...c,
    styles: { ...c.styles, 'glasses.style': 'none', 'hair.style': 'short' },
  }
  const image = engine.render(character, { size: SIZE, background: [0, 0, 0] }, irisProbe)
  let seen = 0
  for (let i = 0; i < image.data.length; i += 4) seen += image.data[i]! / 255
  // over the iris discs' projected area (output pixels)
  return seen / irisArea(engine.pose(character), headView(0, SIZE).viewProj, SIZE)
}

// Whole-head renders: about 1 s each on a quiet core, several times that under load.
describe('engine v2 eyes', { timeout: 60_000 }, () => {
  it('show most of each iris at rest: open eyes, not slits', () => {
    // People at rest show ~85% of the iris. With MakeHuman's neutral lids the default head showed 0.77 by this
    // measure (its iris area is a slight underestimate), with the resting lids 0.88; plausible people 0.82 mean.
    expect(visibleIris(createCharacterV2())).toBeGreaterThan(0.83)
    const shares = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
      visibleIris(randomPlausibleCharacter(seed))
    )
    const mean = shares.reduce((s, x) => s + x, 0) / shares.length
    expect(mean, shares.map((x) => x.toFixed(2)).join(' ')).toBeGreaterThan(0.75)
    expect(Math.min(...shares), shares.map((x) => x.toFixed(2)).join(' ')).toBeGreaterThan(0.55)
  })

  it('still close: eyes closed hide the irises, eyes narrowed hide part of them', () => {
    const rest = createCharacterV2()
    const closed = createCharacterV2({ sliders: { 'expression.eyes_closed': 1 } })
    const narrow = createCharacterV2({ sliders: { 'expression.eyes_narrow': 1 } })
    expect(visibleIris(closed)).toBeLessThan(0.05)
    expect(visibleIris(narrow)).toBeLessThan(visibleIris(rest) - 0.2)
  })
})
