/**
 * @module engine/v2/landmark-vertices — base-mesh (hm08) vertex of each of the 68 iBUG landmarks (iBUG order,
 * image left = subject's right). Picked by cli/scripts/pick-landmarks-v2.ts: the face pipeline's FaceMesh on
 * 32 front renders of plausible characters, nearest skin vertex on average (mean 0.0412 of the
 * inter-ocular distance). Regenerate after changing the camera, the mesh region or the look.
 */
export const IBUG68_BASE_VERTICES: readonly number[] = [
  5195, 5182, 5204, 5242, 895, 5298, 5224, 5221, 5225, 7687, 11834, 7481, 7597, 11851, 11815, 11812,
  11806, 261, 225, 204, 205, 208, 6983, 6980, 6979, 6999, 7030, 136, 135, 7387, 5134, 347, 313, 312,
  7076, 7127, 19, 7, 4865, 1130, 1071, 1093, 7821, 7765, 6791, 6804, 7785, 7763, 3729, 567, 565,
  571, 7306, 7308, 10396, 7310, 7309, 574, 568, 569, 375, 548, 554, 7291, 7284, 7221, 537, 462,
]
