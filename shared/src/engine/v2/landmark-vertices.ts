/**
 * @module engine/v2/landmark-vertices — base-mesh (hm08) vertex of each of the 68 iBUG landmarks (iBUG order,
 * image left = subject's right). Picked by cli/scripts/pick-landmarks-v2.ts: the face pipeline's FaceMesh on
 * 8 front renders of macro variants, nearest skin vertex on average. Regenerate after changing the camera.
 */
export const IBUG68_BASE_VERTICES: readonly number[] = [
  5769, 5201, 5204, 5242, 895, 741, 3694, 926, 5225, 11831, 10362, 11903, 7597, 11851, 11815, 7038,
  12366, 261, 225, 204, 205, 208, 6983, 6980, 6979, 6999, 7030, 132, 131, 164, 294, 347, 599, 316,
  7336, 7115, 19, 7, 55, 6769, 1096, 1067, 13365, 6839, 6791, 6806, 7759, 7788, 407, 5351, 457, 466,
  7219, 11953, 7184, 7310, 7309, 574, 568, 484, 412, 462, 468, 7221, 7175, 7268, 520, 534,
]
