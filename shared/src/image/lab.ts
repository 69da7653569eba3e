/** @module image/lab — sRGB (0-255) to CIELAB (D65) and back, and the CIE76 colour difference: skin matching (create/skin) and skin_delta_e (eval likeness). */

const toLinear = (c: number) => {
  const v = c / 255
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
}

/** CIELAB (L* 0-100, a*, b*) of an sRGB colour (0-255 per channel), D65 white. */
export function srgbToLab([r, g, b]: readonly [number, number, number]): [number, number, number] {
  const R = toLinear(r)
  const G = toLinear(g)
  const B = toLinear(b)
  // sRGB -> XYZ (D65), normalised by the white point.
  const x = (0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047
  const y = 0.2126729 * R + 0.7151522 * G + 0.072175 * B
  const z = (0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116)
  const fx = f(x)
  const fy = f(y)
  const fz = f(z)
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)]
}

/** sRGB (0-255 per channel, unrounded, clamped) of a CIELAB colour (D65 white): srgbToLab's inverse. */
export function labToSrgb([l, a, b]: readonly [number, number, number]): [number, number, number] {
  const fy = (l + 16) / 116
  const inv = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (t - 16 / 116) / (24389 / 27 / 116))
  const x = inv(fy + a / 500) * 0.95047
  const y = inv(fy)
  const z = inv(fy - b / 200) * 1.08883
  // XYZ -> linear sRGB: the inverse of srgbToLab's matrix
  const lin = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ]
  const gamma = (v: number) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055)
  return lin.map((v) => Math.min(255, Math.max(0, 255 * gamma(v)))) as [number, number, number]
}

/** CIE76 difference (Euclidean in CIELAB) of two sRGB colours; about 2.3 is a just-noticeable difference. */
export function deltaE76(
  a: readonly [number, number, number],
  b: readonly [number, number, number]
): number {
  const p = srgbToLab(a)
  const q = srgbToLab(b)
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])
}
