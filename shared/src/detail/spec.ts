/**
 * @module detail/spec — what a character's skin detail is, as numbers a validator can check without the basis:
 * the released basis's version, its component count and the range of a weight.
 *
 * Skin detail is a 3DMM-style texture model (Blanz & Vetter 1999; the shape-free texture of Cootes' active
 * appearance models): the fine luminance structure of a face (creases, folds, the edges of its features' shading;
 * the aligned photo minus its blur) in a frame where every face has the template's 68 points, as the mean of
 * train photos plus weighted principal components. The creator reads the weights from the photo by projection;
 * the engine draws them on the skin, following every morph.
 */

/**
 * Components of each basis version. Each version extends the one before: built from the same photos by the same
 * PCA, its first components and spreads are the earlier basis's, bit for bit, and it keeps the means an earlier
 * version's reads are around (detail/basis earlierMeans) where its own differ (models/detail/build.ts,
 * detail.test.ts checks the released file), so weights on an earlier basis are drawn by the released one exactly
 * as before (the weights they lack are 0), and nothing saved with them changes.
 * - v1 (session 30): 256 components.
 * - v2 (session 31): 480. A person's detail pasted as its projection on 512 components instead of 256 took FaceRes
 *   top-1 from 0.60 to 0.66 and dlib's from 0.79 to 0.89 on London (cli/scripts/detail-transfer.ts); read and drawn
 *   through the creator, 512 raised refined id_cos and top-5 on London and on 84 held-out train photos alike
 *   (docs/likeness.md, "Session 31"). 480, not 512: the engine's download stays under 2 MB (bench engine).
 * - v3 (session 33): v2's components; the women's and men's means fitted on the gender slider the creator gives
 *   each train photo instead of the photo set's gender column, which the data's licence notes keep for checks
 *   (docs/likeness.md, "Session 33"). v1 and v2 reads keep their own means.
 * - v4 (session 34): v3's 480 fine components, then MID_COUNT of the mid band (MID_BAND, on a MID_SIZE grid: the
 *   shading of folds, lids, the nose's wings and the cheeks' contours that the fine band's 3 px blur leaves out).
 *   Pasted on the product's refined renders (which draw the fine band), the person's mid band on 64 components
 *   raised FaceRes's margin by 0.014 and top-1 from 0.68 to 0.75 on London, the same against mirrored photos; a
 *   stranger's lowered both (cli/scripts/detail-transfer.ts --band mid). Read and drawn through the creator: London
 *   refined id_cos 0.583 -> 0.605 (docs/likeness.md, "Session 34").
 * - v5 (session 35): v4's components, then 64 more of the mid band (128 in all: 97% of its variance over the train
 *   photos, 64 held 90%). Read and drawn through the creator, id_cos rose on London and on 84 held-out train photos
 *   alike, by 0.0015-0.0034 (docs/likeness.md, "Session 35"). v4 had stopped at 64 for the download; the head
 *   pack's coded offsets (engine/v2/pack, pack version 2) made the room.
 */
export const SKIN_DETAIL_COUNTS: Readonly<Record<number, number>> = Object.freeze({
  1: 256,
  2: 480,
  3: 480,
  4: 480 + 64,
  5: 480 + 128,
})
/** Mid-band components of the released basis (its weights come after the fine ones). */
export const MID_COUNT = 128
/** Version of the released basis (the one the creator reads with and the engine draws with). */
export const SKIN_DETAIL_VERSION = 5
/** Components in the released basis: the length of the `detail.weights` the creator reads. */
export const SKIN_DETAIL_COUNT = SKIN_DETAIL_COUNTS[SKIN_DETAIL_VERSION]!
/**
 * Pixels of the fine grid every basis version covers (those some train face covered: detail/basis `pixels`, the same
 * in every version): what a read's residual (detail/residual) gives a value to, checked without the basis.
 */
export const SKIN_DETAIL_PIXELS = 2100
/** A weight is in units of its component's spread over the train photos; reads are clamped to +-this. */
export const SKIN_DETAIL_LIMIT = 4
/** Side of the aligned crop detail is read from (px), and the blur (px at that size) whose residue is detail. */
export const READ_SIZE = 224
export const BAND_SIGMA = 3
/** The mid band: the crop's blur at the first sigma minus its blur at the second (px at READ_SIZE), since v4. */
export const MID_BAND: readonly [number, number] = [3, 8]
/** Side of the mid band's shape-free grid (px): a quarter of READ_SIZE keeps its frequencies (blurred at 3 px). */
export const MID_SIZE = 56
/** Face part labels (face/masks) detail is read inside: skin and nose. Eyes, brows and lips carry little. */
export const DETAIL_LABELS: readonly number[] = [1, 4]
