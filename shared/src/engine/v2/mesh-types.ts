/**
 * @module engine/v2/mesh-types — the contract between the v2 geometry engine (which poses the head) and the v2
 * look layer (which shades it). Geometry fills a HeadMesh and an Appearance per character; look turns them,
 * with a HeadView, into a rasterizer Shader. Neither side reaches into the other's modules.
 */
import type { Mat4 } from '../../math/mat4.ts'

/**
 * Material ids, one per triangle. Every material has its own UV atlas in [0, 1] (the skin uses the base mesh's
 * body layout; eyes, brows, lashes, teeth, tongue, hair, beard and glasses use their proxy's own layout).
 */
export const MATERIAL = {
  skin: 0,
  eyeball: 1,
  cornea: 2,
  brow: 3,
  lash: 4,
  teeth: 5,
  tongue: 6,
  hair: 7,
  beard: 8,
  glassesFrame: 9,
  glassesLens: 10,
} as const

/** A material id (a value of MATERIAL). */
export type MaterialId = (typeof MATERIAL)[keyof typeof MATERIAL]

/** Number of material ids (ids are 0..MATERIAL_COUNT-1). */
export const MATERIAL_COUNT = 11

/**
 * Soft per-vertex masks of skin regions, each [0, 1] (V entries; 0 on non-skin vertices). Built once from the
 * base mesh, so they follow every morph.
 */
export interface SkinMasks {
  /** Lip vermilion (1 inside the lips, fading over about 2 mm at the lip line). */
  lips: Float32Array
  /** Cheek apples (blush/rosacea region). */
  cheeks: Float32Array
  /** Where facial hair grows (jaw, chin, upper lip, cheeks below the cheekbone). */
  beard: Float32Array
  /** Scalp under the hair (1 on the scalp, 0 on the forehead and face); hair stubble/buzz cuts shade here. */
  scalp: Float32Array
  /** Eyelids and the skin around the eyes (eye-bag / eye-shadow region). */
  eyes: Float32Array
}

/**
 * A posed head ready to shade. Model space: centimetres, +x = subject's left, +y up, +z toward the camera
 * (the front camera looks down -z). Triangles come ordered by drawing pass: every opaque or alpha-tested
 * material first, then `cornea` and `glassesLens` (the only materials that may blend) last, so a renderer that
 * rasterizes triangles in index order gets correct layering.
 */
export interface HeadMesh {
  /** Vertex positions, V*3. */
  positions: Float32Array
  /** Unit vertex normals, V*3 (smooth within a material; split at UV seams like every attribute). */
  normals: Float32Array
  /** Texture coordinates, V*2, in [0, 1], v up; per material atlas (see MATERIAL). */
  uvs: Float32Array
  /** Triangle corners, T*3, counter-clockwise seen from outside. */
  indices: Uint32Array
  /** One MATERIAL id per triangle, T entries. */
  material: Uint8Array
  /** Skin region masks (per vertex, V entries each). */
  masks: SkinMasks
  /**
   * The same vertices on the NEUTRAL head (no targets applied), V*3, when the geometry provides them: identical
   * for every character wearing the same parts, so rest-space textures (skin layers) can be baked once.
   */
  rest?: Float32Array
  /** Number of vertices (positions.length / 3). */
  vertexCount: number
  /** Number of triangles (indices.length / 3). */
  triangleCount: number
  /**
   * Where each part the geometry concatenated lies (when it says): per-part work (strand topology) then reads a
   * part's own range instead of scanning the whole mesh. Shared, read-only (one per combination of parts).
   */
  parts?: readonly PartRange[]
}

/** One part of a HeadMesh: its vertices and triangles (double-sided copies included) are contiguous ranges. */
export interface PartRange {
  material: number
  firstVertex: number
  vertexCount: number
  firstTriangle: number
  triangleCount: number
  /**
   * Names the part's content when the geometry knows it (a proxy by name, on one asset pack): equal keys, equal
   * triangles and rest positions. Absent for generated parts.
   */
  key?: string
}

/** Linear-light RGB, each [0, 1]. */
export type LinearRgb = readonly [number, number, number]

/** Per-character appearance inputs the look layer needs (all [0, 1] unless said). */
export interface Appearance {
  /** Skin lightness: 0 very dark (Fitzpatrick VI) .. 1 very light (Fitzpatrick I). */
  skinTone: number
  /** Skin undertone, the skin's chroma: 0 near neutral .. 0.5 photos' median .. 1 rich and golden. */
  undertone: number
  /** Age on MakeHuman's macro scale: 0 = 1 year, 0.1875 = 11, 0.5 = 25, 1 = 90 years. Drives wrinkles/spots. */
  age: number
  /** 0 female .. 1 male (stubble shadow, skin roughness). */
  gender: number
  /** Hair base colour (scalp hair). */
  hairColor: LinearRgb
  /** Eyebrow colour. */
  browColor: LinearRgb
  /** Facial hair colour. */
  beardColor: LinearRgb
  /** Iris colour. */
  irisColor: LinearRgb
  /** Natural lip colour (before lipstick). */
  lipColor: LinearRgb
  /** Lipstick amount: 0 none .. 1 full coverage. */
  lipstick: number
  /** Lipstick colour (used in proportion to `lipstick`). */
  lipstickColor: LinearRgb
  /** Freckles / small spots density. */
  freckles: number
  /** Cheek flush. */
  blush: number
  /** Hairstyle id (a rig v2 hair style name such as 'short02', 'afro', 'buzz', 'bald'): strand texture choice. */
  hairStyle: string
  /** Facial hair style id ('none', 'stubble', ...); stubble is painted on skin through `masks.beard`. */
  beardStyle: string
  /** Lash fullness: 0 fine .. 1 full (a denser, darker line of lashes at the lid margin); 0.3 when absent. */
  lashes?: number
  /** Glasses lens tint: 0 clear .. 1 dark sunglasses. */
  lensTint: number
  /**
   * How open the mouth is (0 lips together .. 1 open or a broad smile; 0 when absent): teeth seen through a
   * narrow slit lie in the lips' shadow.
   */
  mouthOpen?: number
  /**
   * Skin detail (shared/src/detail), when the character has it and the engine has its basis: the detail image in
   * the shape-free frame and where the neutral head's 68 landmarks lie, so the skin can be mapped onto that frame.
   */
  detail?: SkinDetailLayer
  /** Per-character seed for procedural texture variation (an integer, 0..2^31-1). */
  seed: number
}

/** Where the head is seen from. */
export interface HeadView {
  /** Model space -> clip space (column-major 4x4, as math/mat4). */
  viewProj: Mat4
  /** Camera position, model space cm (for specular and rim terms). */
  eye: readonly [number, number, number]
  /** Sample spacing in model-space cm at the head (pixel footprint): lets textures pick a detail level. */
  sampleCm: number
}

/** A character's skin detail as the skin texture reads it. */
export interface SkinDetailLayer {
  /** Luminance detail (0-255 scale) over the shape-free frame, size x size. */
  image: Float32Array
  size: number
  /** Identifies the image (the weights) for texture caches. */
  key: string
  /**
   * Where the image stands for the photo's skin (0..1, size x size; detail/resample detailSupport): there the
   * engine's own fine shading gives way to the photo's (engine/v2/skin-band). Without it, the engine keeps its own.
   */
  support?: Float32Array
  /** The 68 iBUG points of the NEUTRAL head (rest positions: x, y in cm), [x0, y0, ...]: one array per engine. */
  rest: Float32Array
  /** How far the view has turned from the photo's front view (engine/v2/detail-turn: 0 front .. 1), which fades the
   * detail where a front photo saw the skin edge-on (detailFade). Default 0; part of `key` when set. */
  turn?: number
}
