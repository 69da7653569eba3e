/**
 * @module render/target — the framebuffer a rasterizer draws into: flat typed colour and depth buffers.
 * Pixel (x, y) is index `x + y * width` (x right, y down, origin top-left); colour has 4 floats per pixel at
 * `4 * index`: LINEAR RGB in [0, 1] and coverage (0 = background, 1 = drawn). Depth is window z in [0, 1]
 * (0 = near plane), cleared to +Infinity. An optional `aux` buffer holds 2 more floats per pixel that the
 * rasterizer copies from a fragment's `color[4]`, `color[5]` with its colour (engine v2 passes its skin detail's
 * gain and support there); cleared to 0.
 */

export interface RenderTarget {
  width: number
  height: number
  color: Float32Array
  depth: Float32Array
  aux?: Float32Array | undefined
}

/** A new cleared target (allocates; reuse it across frames with clearTarget). */
export function createTarget(width: number, height: number): RenderTarget {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`Render target size must be positive integers, got ${width}x${height}.`)
  }
  const target = {
    width,
    height,
    color: new Float32Array(width * height * 4),
    depth: new Float32Array(width * height),
    // present from the start (undefined until a caller attaches one), so every target keeps one shape
    aux: undefined,
  }
  return clearTarget(target)
}

/** Resets colour to transparent black, depth to +Infinity and aux (if any) to 0. */
export function clearTarget(target: RenderTarget): RenderTarget {
  target.color.fill(0)
  target.depth.fill(Infinity)
  target.aux?.fill(0)
  return target
}
