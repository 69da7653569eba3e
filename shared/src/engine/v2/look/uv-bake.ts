/**
 * @module engine/v2/look/uv-bake — rasterizes a mesh's triangles in UV space: for every texel of a grid covering a
 * UV rectangle, the interpolated value of per-vertex attributes (here: the rest position). The result lets the
 * procedural skin be written as functions of the rest head (cm) yet be stored in, and sampled through, the base
 * mesh's own UV layout, so the paint follows every morph for free.
 */

/** A texel grid over the UV rectangle [u0, u1] x [v0, v1]; texel (i, j) has its centre at i + 0.5, j + 0.5. */
export interface UvGrid {
  width: number
  height: number
  u0: number
  v0: number
  u1: number
  v1: number
}

/**
 * Bakes `channels` per-vertex attributes (`attr`, V*channels) of the triangles `tris` (indices into `indices`,
 * triangle numbers) into the grid. Returns the texel values (width*height*channels) and a coverage byte per
 * texel (1 = inside a triangle; empty texels are filled from covered neighbours, `dilate` rings, and get 2).
 * Row j = 0 is v = v0 (the bottom of the rectangle).
 */
export function bakeUv(
  grid: UvGrid,
  uvs: Float32Array,
  indices: Uint32Array,
  tris: ArrayLike<number>,
  attr: Float32Array,
  channels: number,
  dilate = 2
): { values: Float32Array; covered: Uint8Array } {
  const { width: W, height: H, u0, v0, u1, v1 } = grid
  const values = new Float32Array(W * H * channels)
  const covered = new Uint8Array(W * H)
  const sx = W / (u1 - u0)
  const sy = H / (v1 - v0)
  for (let n = 0; n < tris.length; n++) {
    const t = tris[n]!
    const a = indices[t * 3]!,
      b = indices[t * 3 + 1]!,
      c = indices[t * 3 + 2]!
    const x0 = (uvs[a * 2]! - u0) * sx,
      y0 = (uvs[a * 2 + 1]! - v0) * sy
    const x1 = (uvs[b * 2]! - u0) * sx,
      y1 = (uvs[b * 2 + 1]! - v0) * sy
    const x2 = (uvs[c * 2]! - u0) * sx,
      y2 = (uvs[c * 2 + 1]! - v0) * sy
    const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
    if (!(Math.abs(area) > 1e-12)) continue
    const minX = Math.max(0, Math.floor(Math.min(x0, x1, x2)))
    const maxX = Math.min(W - 1, Math.ceil(Math.max(x0, x1, x2)))
    const minY = Math.max(0, Math.floor(Math.min(y0, y1, y2)))
    const maxY = Math.min(H - 1, Math.ceil(Math.max(y0, y1, y2)))
    const inv = 1 / area
    for (let j = minY; j <= maxY; j++) {
      const py = j + 0.5
      for (let i = minX; i <= maxX; i++) {
        const px = i + 0.5
        const l1 = ((px - x0) * (y2 - y0) - (x2 - x0) * (py - y0)) * inv
        const l2 = ((x1 - x0) * (py - y0) - (px - x0) * (y1 - y0)) * inv
        const l0 = 1 - l1 - l2
        // A little slack so texels on shared edges are always covered by one of the two triangles.
        if (l0 < -1e-4 || l1 < -1e-4 || l2 < -1e-4) continue
        const o = (i + j * W) * channels
        for (let k = 0; k < channels; k++) {
          values[o + k] =
            l0 * attr[a * channels + k]! +
            l1 * attr[b * channels + k]! +
            l2 * attr[c * channels + k]!
        }
        covered[i + j * W] = 1
      }
    }
  }
  dilateInto(values, covered, W, H, channels, dilate)
  return { values, covered }
}

/** Fills empty texels next to filled ones with their filled neighbours' mean, `rings` times (bilinear seams). */
function dilateInto(
  values: Float32Array,
  covered: Uint8Array,
  W: number,
  H: number,
  channels: number,
  rings: number
): void {
  const acc = new Float32Array(channels)
  for (let r = 0; r < rings; r++) {
    const before = covered.slice()
    for (let j = 0; j < H; j++) {
      for (let i = 0; i < W; i++) {
        if (before[i + j * W]) continue
        let n = 0
        acc.fill(0)
        for (let dj = -1; dj <= 1; dj++) {
          for (let di = -1; di <= 1; di++) {
            const x = i + di,
              y = j + dj
            if (x < 0 || y < 0 || x >= W || y >= H || !before[x + y * W]) continue
            const o = (x + y * W) * channels
            for (let k = 0; k < channels; k++) acc[k] = acc[k]! + values[o + k]!
            n++
          }
        }
        if (n === 0) continue
        const o = (i + j * W) * channels
        for (let k = 0; k < channels; k++) values[o + k] = acc[k]! / n
        covered[i + j * W] = 2
      }
    }
  }
}
