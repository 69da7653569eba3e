/**
 * @module engine/v2/look/textures — every procedural texture of one appearance (skin, eyes, strands), built on
 * first use and cached (a small LRU keyed by the appearance's look fields), plus the per-topology skin bake.
 */
import type { Appearance, HeadMesh, PartRange } from '../mesh-types.ts'
import { MATERIAL } from '../mesh-types.ts'
import { eyePatch } from './eye.ts'
import { bakeSkin, composeSkin, restOf, type SkinBake, type SkinTexture } from './skin.ts'
import { TRIMMED_STYLES } from './sideburns.ts'
import { STRAND_STYLES, strandTexture } from './strands.ts'
import { browCover, hairCover, skinFront, type BrowCover, type HairCover } from './hair-cover.ts'
import { strandParts } from './topology.ts'

/** Everything a head shader samples. */
export interface LookTextures {
  skin: SkinTexture
  /** Eye patch, linear RGB (see eye.ts). */
  eye: Float32Array
  /** Strand textures: shade + coverage (see strands.ts); curly hair is drawn from curls.ts instead. */
  hair: Float32Array
  /** Facial hair shells: curly clumps (short, coarse hair). */
  beard: Float32Array
  brow: Float32Array
  lash: Float32Array
}

/** Appearances kept: each holds ~3 MB of textures (the fine skin grid is 336x616 x 4 floats). */
const MAX_CACHED = 6
const textureCache = new Map<string, LookTextures>()
/** Cached textures only the head shader has read (made lazily, never handed out complete): recyclable. */
const internal = new WeakSet<LookTextures>()
const bakeCache = new Map<string, SkinBake>()
/** Strand textures depend only on their kind and the seed (kept for the session: a few per seed, 64 KB each). */
const strandCache = new Map<string, Float32Array>()

/** The cache key of an appearance: every field, in a fixed order (so equal appearances share textures). */
export function appearanceKey(a: Appearance): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(5) : 'NaN')
  const c = (rgb: readonly number[]) => rgb.map(f).join(',')
  return [
    f(a.skinTone),
    f(a.undertone),
    f(a.age),
    f(a.gender),
    c(a.hairColor),
    c(a.browColor),
    c(a.beardColor),
    c(a.irisColor),
    c(a.lipColor),
    f(a.lipstick),
    c(a.lipstickColor),
    f(a.freckles),
    f(a.blush),
    a.hairStyle,
    a.beardStyle,
    f(a.lensTint),
    a.seed | 0,
    a.detail?.key ?? '',
  ].join('|')
}

const keyByRest = new WeakMap<Float32Array, { indices: Uint32Array; key: string }>()

/**
 * A cheap fingerprint of the skin's topology (UVs and rest positions of skin vertices). With a real `rest` array
 * (not the posed positions) reused across renders, the key is remembered by identity.
 */
function topologyKey(mesh: HeadMesh): string {
  const rest = restOf(mesh)
  if (rest !== mesh.positions) {
    const hit = keyByRest.get(rest)
    if (hit && hit.indices === mesh.indices) return hit.key
    const key = skinKey(mesh) ?? hashTopology(mesh, rest)
    keyByRest.set(rest, { indices: mesh.indices, key })
    return key
  }
  return hashTopology(mesh, rest)
}

/** hashTopology's result per named skin part and its place in the mesh (see skinKey). */
const skinKeys = new Map<string, string>()

/**
 * hashTopology of a mesh on its neutral rest positions, remembered per skin part (PartRange.key names its
 * triangles and rest positions): a new combination of hair, brows and beard around the same skin hashes the same,
 * so it is not hashed again. Null when the mesh does not name exactly one skin part.
 */
function skinKey(mesh: HeadMesh): string | null {
  let skin: PartRange | null = null
  for (const r of mesh.parts ?? []) {
    if (r.material !== MATERIAL.skin) continue
    if (skin || r.key === undefined) return null
    skin = r
  }
  if (!skin) return null
  const k = `${skin.key}@${skin.firstVertex}:${skin.vertexCount}:${skin.triangleCount}`
  let key = skinKeys.get(k)
  if (key === undefined) {
    key = hashTopology(mesh, restOf(mesh))
    if (skinKeys.size >= 16) skinKeys.delete(skinKeys.keys().next().value!)
    skinKeys.set(k, key)
  }
  return key
}

function hashTopology(mesh: HeadMesh, rest: Float32Array): string {
  let skin = 0
  let h = 0
  for (let t = 0; t < mesh.triangleCount; t++) {
    if (mesh.material[t] !== MATERIAL.skin) continue
    skin++
    const v = mesh.indices[t * 3]!
    h = (h * 31 + Math.round(mesh.uvs[v * 2]! * 1e4) + Math.round(rest[v * 3 + 1]! * 100)) | 0
  }
  return `${skin}:${h}`
}

/** The skin bake of a mesh's topology (computed once, tens of ms). */
export function skinBakeFor(mesh: HeadMesh): SkinBake {
  const key = topologyKey(mesh)
  let b = bakeCache.get(key)
  if (!b) {
    b = bakeSkin(mesh)
    if (bakeCache.size >= 4) bakeCache.delete(bakeCache.keys().next().value!)
    bakeCache.set(key, b)
  }
  return b
}

/** Sample spacing (cm) from which renders use nearest skin texels and a half-resolution skin texture. */
export const COARSE_SAMPLE_CM = 0.1

/**
 * The textures of an appearance on a bake, for `mesh` (its hair) (cached; a few ms when new). `half`: a small
 * render, which samples only even texels of the fine skin grid (a full texture serves it too). `lazy`: skin
 * texels may be composed on first read (the head shader's way; see SkinTexture); else every texel is ready.
 */
export function texturesFor(
  bake: SkinBake,
  a: Appearance,
  mesh: HeadMesh,
  half = false,
  lazy = false
): LookTextures {
  const brow = browOf(mesh, bake)
  const key = `${originKey(bake)}#${appearanceKey(a)}#${brow?.key ?? ''}`
  for (const k of half ? [key, `${key}#half`] : [key]) {
    const t = textureCache.get(k)
    if (t) {
      textureCache.delete(k) // refresh its LRU position
      textureCache.set(k, t)
      if (!lazy) {
        t.skin.fineGrid.complete()
        t.skin.coarseGrid.complete()
        internal.delete(t) // handed out: its buffers are never recycled
      }
      return t
    }
  }
  const seed = a.seed | 0
  const strands = (kind: string, build: () => Float32Array) => {
    const k = `${kind}:${seed}`
    let st = strandCache.get(k)
    if (!st) strandCache.set(k, (st = build()))
    return st
  }
  // The least recently used entry goes; if only the head shader ever had it (lazy, drawn and replaced since),
  // the new skin texture takes over its buffers (~1 MB less to allocate and collect per new appearance).
  let recycle: LookTextures | undefined
  if (textureCache.size >= MAX_CACHED) {
    const old = textureCache.keys().next().value!
    recycle = textureCache.get(old)
    textureCache.delete(old)
    if (recycle && !internal.has(recycle)) recycle = undefined
  }
  const t: LookTextures = {
    skin: composeSkin(
      bake,
      a,
      coversOf(mesh, bake, TRIMMED_STYLES.has(a.hairStyle), a.beardStyle),
      half ? 2 : 1,
      lazy,
      recycle?.skin ?? null,
      brow?.cover ?? null
    ),
    eye: eyePatch(a.irisColor, seed),
    // Curly hair (the Afro) reads no strand texture: the head shader draws it from the coil field (curls.ts).
    hair: strands('hair', () => strandTexture(STRAND_STYLES.hair, seed)),
    // Fine straight strands (curly clumps drew a moustache or goatee as a few dark blobs with skin between).
    beard: strands('beard', () => strandTexture(STRAND_STYLES.beard, seed + 3)),
    brow: strands('brow', () => strandTexture(STRAND_STYLES.brow, seed + 1)),
    lash: strands('lash', () => strandTexture(STRAND_STYLES.lash, seed + 2)),
  }
  if (lazy) internal.add(t)
  if (recycle) internal.delete(recycle)
  textureCache.set(half ? `${key}#half` : key, t)
  return t
}

const originKeys = new WeakMap<SkinBake, string>()

/** A bake's origin as a cache-key string (made once per bake: number-to-string per render cost ~1%). */
function originKey(bake: SkinBake): string {
  let k = originKeys.get(bake)
  if (k === undefined) originKeys.set(bake, (k = bake.origin.join(',')))
  return k
}

const covers = new Map<string, HairCover>()
/** The neutral head's front skin depth, per face-space origin (one head: in practice one entry). */
const skinFronts = new Map<string, Float32Array>()

/**
 * The covers of a mesh's hair and of its facial hair (each cached by its part: a hairstyle's cover is computed
 * once whatever beard comes with it); `trimmed`: the scalp hair's sideburns are trimmed (sideburns.ts).
 */
function coversOf(
  mesh: HeadMesh,
  bake: SkinBake,
  trimmed: boolean,
  beardStyle: string
): HairCover[] {
  const out: HairCover[] = []
  for (const p of strandParts(mesh, restOf(mesh))) {
    if (p.material !== MATERIAL.hair && p.material !== MATERIAL.beard) continue
    const origin = originKey(bake)
    const trim = trimmed && p.material === MATERIAL.hair
    // A beard shell's cover follows its style's density (hairCover), so the style is part of its key.
    const style = p.material === MATERIAL.beard ? beardStyle : undefined
    const key = `${origin}#${p.key}${trim ? '#trim' : ''}${style === undefined ? '' : `#${style}`}`
    let c = covers.get(key)
    if (!c) {
      let skin = skinFronts.get(origin)
      if (!skin) skinFronts.set(origin, (skin = skinFront(mesh, restOf(mesh), bake.origin)))
      c = hairCover(p.mesh, p.rest, bake.origin, p.topo, skin, trim, style)
      if (covers.size >= 16) covers.delete(covers.keys().next().value!)
      covers.set(key, c)
    }
    out.push(c)
  }
  return out
}

const browCovers = new Map<string, BrowCover>()

/** The cover of a mesh's brows and its part key (cached per brow part), or null without brows. */
function browOf(mesh: HeadMesh, bake: SkinBake): { key: string; cover: BrowCover } | null {
  for (const p of strandParts(mesh, restOf(mesh))) {
    if (p.material !== MATERIAL.brow) continue
    const key = `${originKey(bake)}#${p.key}`
    let c = browCovers.get(key)
    if (!c) {
      c = browCover(p.mesh, p.rest, bake.origin)
      if (browCovers.size >= 16) browCovers.delete(browCovers.keys().next().value!)
      browCovers.set(key, c)
    }
    return { key: p.key, cover: c }
  }
  return null
}
