/**
 * @module engine/v2/landmark-vertices — base-mesh (hm08) vertex of each of the 68 iBUG landmarks (iBUG order,
 * image left = subject's right). Picked by cli/scripts/pick-landmarks-v2.ts: the face pipeline's FaceMesh on
 * 96 front renders of plausible characters, nearest skin vertex on average (mean 0.0369 of the
 * inter-ocular distance). Regenerate after changing the camera, the mesh region or the look.
 */
export const IBUG68_BASE_VERTICES: readonly number[] = [
  5195, 5201, 5204, 5242, 895, 5298, 5224, 5167, 5225, 11780, 11834, 7695, 7597, 11851, 11815,
  11798, 11806, 261, 225, 204, 205, 208, 6983, 6980, 6979, 6999, 7030, 136, 131, 656, 294, 367, 313,
  312, 7076, 7083, 1244, 1083, 4865, 1129, 1097, 1094, 7821, 7765, 6791, 7806, 7786, 8024, 377, 567,
  565, 571, 7307, 7308, 7137, 7295, 7309, 574, 568, 552, 375, 556, 554, 7291, 7284, 7256, 509, 507,
]
