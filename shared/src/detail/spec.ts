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

/** Version of the released basis; a character's `detail.basis` names it. */
export const SKIN_DETAIL_VERSION = 1
/** Components in the released basis: the length of a character's `detail.weights`. */
export const SKIN_DETAIL_COUNT = 256
/** A weight is in units of its component's spread over the train photos; reads are clamped to +-this. */
export const SKIN_DETAIL_LIMIT = 4
/** Side of the aligned crop detail is read from (px), and the blur (px at that size) whose residue is detail. */
export const READ_SIZE = 224
export const BAND_SIGMA = 3
/** Face part labels (face/masks) detail is read inside: skin and nose. Eyes, brows and lips carry little. */
export const DETAIL_LABELS: readonly number[] = [1, 4]
