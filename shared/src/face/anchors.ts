/** @module face/anchors — the SSD anchors of MediaPipe's short-range BlazeFace (128x128 input, 896 anchors). */

/** Anchor centres, flat [x0, y0, x1, y1, ...] normalised to the 128x128 input (0..1). Anchor size is 1x1. */
export function blazeFaceAnchors(inputSize = 128): Float32Array {
  // MediaPipe face_detection_short_range: strides 8, 16, 16, 16 with 2 anchors each; equal strides share a grid,
  // so the layout is a 16x16 grid x 2 then an 8x8 grid x 6 = 512 + 384 = 896.
  const layers: [stride: number, perCell: number][] = [
    [8, 2],
    [16, 6],
  ]
  const out: number[] = []
  for (const [stride, perCell] of layers) {
    const grid = Math.ceil(inputSize / stride)
    for (let y = 0; y < grid; y++)
      for (let x = 0; x < grid; x++)
        for (let k = 0; k < perCell; k++) out.push((x + 0.5) / grid, (y + 0.5) / grid)
  }
  return Float32Array.from(out)
}
