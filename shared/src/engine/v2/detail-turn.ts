/**
 * @module engine/v2/detail-turn — how much a turned view fades a character's skin detail (SkinDetailLayer.turn).
 * The detail is read from a front photo, which sees the face's sides (and the chin's underside) edge-on; turned or
 * tilted, a render magnifies them, and their few photo pixels became streaks (look/skin DETAIL_FRONT, detailFade).
 * From the front the render sees the skin as the photo did and draws all of it: the recognisers read the face's turn
 * there (faded from the front too, London's characters lost 0.003 of FaceRes cosine, docs/engine.md "Detail where the
 * photo saw the skin").
 */

/** The angle from the front (degrees) from which the fade is whole, and the steps it comes in by (each a skin texture of its own). */
export const DETAIL_TURN = Object.freeze({ deg: 25, steps: 4 })

/**
 * The share of the fade a render applies whose view is `degrees` from the front (CharacterEngineV2.render: yaw and
 * pitch together): 0 at 0, 1 from DETAIL_TURN.deg on, smoothstep between.
 */
export function detailTurn(degrees: number): number {
  const t = Math.min(1, Math.abs(degrees) / DETAIL_TURN.deg)
  return Math.round(t * t * (3 - 2 * t) * DETAIL_TURN.steps) / DETAIL_TURN.steps
}
