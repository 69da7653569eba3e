/**
 * @module engine/v2/look/curls — the solid texture of tightly curled hair (the Afro). Afro-textured hair is a
 * volume of coils, not strands that run along cards: MakeHuman's afro01 is a cap plus ~340 small loose cards
 * stacked like shingles, and a strand texture stretched over each card drew every card as a flat, straight-grained
 * tile (the faceted helmet of docs/engine.md). A field over the hair's REST position instead runs on unbroken from
 * card to card, so the cards vanish into one curly mass:
 * - `coil`: cellular noise, 1 at the centre of a coil (~0.9 cm across) falling to 0 between coils: the bumps
 *   that catch the light;
 * - `clump`: value noise a few coils wide: where the mass is dense or parts (coverage), and tone between clumps.
 * Both are baked once into periodic 3D grids and read with trilinear interpolation (a few reads per fragment).
 */
import { hash2, smoothstep } from './noise.ts'

/** Grid texels per axis of both baked fields (periodic: the field wraps every N texels). */
const N = 32
/** Coil field: texels per cm (period N / COIL_RATE = 8 cm) and jittered coil centres per period and axis. */
const COIL_RATE = 4
const COIL_CELLS = 9
/** Clump field: texels per cm (period 16 cm) and value-noise lattice cells per period and axis. */
const CLUMP_RATE = 2
const CLUMP_CELLS = 8

let coilGrid: Float32Array | null = null
let clumpGrid: Float32Array | null = null

/** Coil field at rest position (x, y, z) in cm: ~1 on a coil's crest, ~0 in the creases between coils. */
export function coil(x: number, y: number, z: number): number {
  return sample((coilGrid ??= bakeCoils()), x * COIL_RATE, y * COIL_RATE, z * COIL_RATE)
}

/** Clump field at rest position (x, y, z) in cm, in [0, 1): dense (1) and sparse (0) clumps. */
export function clump(x: number, y: number, z: number): number {
  return sample((clumpGrid ??= bakeClumps()), x * CLUMP_RATE, y * CLUMP_RATE, z * CLUMP_RATE)
}

/** Trilinear read of a periodic N^3 grid at texel coordinates (x, y, z). */
function sample(g: Float32Array, x: number, y: number, z: number): number {
  const fx = Math.floor(x),
    fy = Math.floor(y),
    fz = Math.floor(z)
  const tx = x - fx,
    ty = y - fy,
    tz = z - fz
  // `& (N - 1)` wraps negatives too (two's complement), with no division per fragment.
  const x0 = fx & (N - 1),
    y0 = fy & (N - 1),
    z0 = fz & (N - 1)
  const x1 = (x0 + 1) & (N - 1),
    y1 = ((y0 + 1) & (N - 1)) * N,
    z1 = ((z0 + 1) & (N - 1)) * N * N
  const yy = y0 * N,
    zz = z0 * N * N
  const a = g[x0 + yy + zz]! + (g[x1 + yy + zz]! - g[x0 + yy + zz]!) * tx
  const b = g[x0 + y1 + zz]! + (g[x1 + y1 + zz]! - g[x0 + y1 + zz]!) * tx
  const c = g[x0 + yy + z1]! + (g[x1 + yy + z1]! - g[x0 + yy + z1]!) * tx
  const d = g[x0 + y1 + z1]! + (g[x1 + y1 + z1]! - g[x0 + y1 + z1]!) * tx
  const ab = a + (b - a) * ty
  const cd = c + (d - c) * ty
  return ab + (cd - ab) * tz
}

/** Periodic 3D cellular noise: 1 - distance to the nearest jittered centre (in cells), shaped to a round crest. */
function bakeCoils(): Float32Array {
  const C = COIL_CELLS
  // Each cell's jittered centre, once (x, y, z within the cell).
  const centre = new Float64Array(C * C * C * 3)
  for (let k = 0; k < C; k++)
    for (let j = 0; j < C; j++)
      for (let i = 0; i < C; i++)
        for (let axis = 0; axis < 3; axis++)
          centre[((k * C + j) * C + i) * 3 + axis] = hash2(i + j * C, k + axis * C, 7717)
  const wrap = (n: number) => (n + C) % C
  const g = new Float32Array(N * N * N)
  for (let k = 0; k < N; k++) {
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) {
        const x = ((i + 0.5) / N) * C,
          y = ((j + 0.5) / N) * C,
          z = ((k + 0.5) / N) * C
        const cx = Math.floor(x),
          cy = Math.floor(y),
          cz = Math.floor(z)
        let best = 9
        for (let dz = -1; dz <= 1; dz++) {
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              const o = ((wrap(cz + dz) * C + wrap(cy + dy)) * C + wrap(cx + dx)) * 3
              const px = cx + dx + centre[o]! - x,
                py = cy + dy + centre[o + 1]! - y,
                pz = cz + dz + centre[o + 2]! - z
              const d = px * px + py * py + pz * pz
              if (d < best) best = d
            }
          }
        }
        g[i + j * N + k * N * N] = smoothstep(0.85, 0.1, Math.sqrt(best))
      }
    }
  }
  return g
}

/** Periodic 3D value noise (smoothstep-weighted lattice of CLUMP_CELLS per period). */
function bakeClumps(): Float32Array {
  const g = new Float32Array(N * N * N)
  const C = CLUMP_CELLS
  const lattice = new Float64Array(C * C * C)
  for (let k = 0; k < C; k++)
    for (let j = 0; j < C; j++)
      for (let i = 0; i < C; i++) lattice[(k * C + j) * C + i] = hash2(i + j * C, k, 4241)
  const h = (i: number, j: number, k: number) => lattice[((k % C) * C + (j % C)) * C + (i % C)]!
  const s = (t: number) => t * t * (3 - 2 * t)
  for (let k = 0; k < N; k++) {
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++) {
        const x = (i / N) * C,
          y = (j / N) * C,
          z = (k / N) * C
        const ix = Math.floor(x),
          iy = Math.floor(y),
          iz = Math.floor(z)
        const u = s(x - ix),
          v = s(y - iy),
          w = s(z - iz)
        let acc = 0
        for (let c = 0; c < 8; c++) {
          const ox = c & 1,
            oy = (c >> 1) & 1,
            oz = c >> 2
          acc +=
            h(ix + ox, iy + oy, iz + oz) * (ox ? u : 1 - u) * (oy ? v : 1 - v) * (oz ? w : 1 - w)
        }
        g[i + j * N + k * N * N] = acc
      }
    }
  }
  return g
}
