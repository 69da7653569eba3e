/**
 * @module engine/grid — closed, welded latitude/longitude sphere grids whose sample density is concentrated
 * where detail is needed (the face), used for the skin, the eyeballs, the ears and the hair shells.
 * Directions are unit vectors (x, y, z) with latitude phi from -pi/2 (south pole, -y) to pi/2 and longitude
 * theta from -pi to pi, theta = 0 facing +z and theta > 0 toward +x. Triangles are counter-clockwise seen from
 * outside.
 */

export interface SphereGrid {
  /** Unit directions, 3 floats per vertex: the south pole, then `rings` rings of `segments`, then the north pole. */
  dirs: Float32Array
  /** Latitude and longitude (radians) of each vertex. */
  lat: Float32Array
  lon: Float32Array
  /** Triangle corner indices, 3 per triangle. */
  indices: Uint32Array
  rings: number
  segments: number
}

/** Density along an axis: uniform, plus `boost` times a gaussian of width `sigma` around `center` (radians). */
export interface Density {
  center: number
  sigma: number
  boost: number
}

/**
 * n + 1 angles from lo to hi (inclusive) spaced inversely to the density (the sum of the given densities' boosts
 * over a uniform 1), so dense regions get more samples.
 */
function warpedAngles(
  n: number,
  lo: number,
  hi: number,
  density: Density | Density[]
): Float64Array {
  const bands = Array.isArray(density) ? density : [density]
  const fine = 4096
  const cdf = new Float64Array(fine + 1)
  for (let i = 1; i <= fine; i++) {
    const a = lo + ((i - 0.5) / fine) * (hi - lo)
    let w = 1
    for (const d of bands) w += d.boost * Math.exp(-(((a - d.center) / d.sigma) ** 2))
    cdf[i] = cdf[i - 1]! + w
  }
  const out = new Float64Array(n + 1)
  let j = 0
  for (let k = 0; k <= n; k++) {
    const target = (k / n) * cdf[fine]!
    while (j < fine && cdf[j + 1]! < target) j++
    const span = cdf[j + 1]! - cdf[j]!
    const f = span > 0 ? (target - cdf[j]!) / span : 0
    out[k] = lo + ((j + Math.min(1, Math.max(0, f))) / fine) * (hi - lo)
  }
  out[0] = lo
  out[n] = hi
  return out
}

/** A sphere grid with `rings` interior latitude rings of `segments` vertices each, plus two pole vertices. */
export function sphereGrid(
  rings: number,
  segments: number,
  lat: Density | Density[],
  lon: Density
): SphereGrid {
  const phis = warpedAngles(rings + 1, -Math.PI / 2, Math.PI / 2, lat)
  const thetas = warpedAngles(segments, -Math.PI, Math.PI, lon)
  const count = rings * segments + 2
  const dirs = new Float32Array(count * 3)
  const latOut = new Float32Array(count)
  const lonOut = new Float32Array(count)
  const put = (v: number, phi: number, theta: number) => {
    dirs[v * 3] = Math.cos(phi) * Math.sin(theta)
    dirs[v * 3 + 1] = Math.sin(phi)
    dirs[v * 3 + 2] = Math.cos(phi) * Math.cos(theta)
    latOut[v] = phi
    lonOut[v] = theta
  }
  put(0, -Math.PI / 2, 0)
  for (let i = 0; i < rings; i++) {
    for (let j = 0; j < segments; j++) put(1 + i * segments + j, phis[i + 1]!, thetas[j]!)
  }
  put(count - 1, Math.PI / 2, 0)
  const tris: number[] = []
  const at = (i: number, j: number) => 1 + i * segments + (j % segments)
  for (let j = 0; j < segments; j++) tris.push(0, at(0, j + 1), at(0, j)) // south cap
  for (let i = 0; i + 1 < rings; i++) {
    for (let j = 0; j < segments; j++) {
      const a = at(i, j)
      const b = at(i, j + 1)
      const c = at(i + 1, j + 1)
      const d = at(i + 1, j)
      tris.push(a, b, c, a, c, d)
    }
  }
  for (let j = 0; j < segments; j++) tris.push(at(rings - 1, j), at(rings - 1, j + 1), count - 1)
  return { dirs, lat: latOut, lon: lonOut, indices: Uint32Array.from(tris), rings, segments }
}
