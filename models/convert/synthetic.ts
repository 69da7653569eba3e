/**
 * @file Deterministic synthetic face-like RGB images in integer arithmetic only, so that synthetic.py reproduces
 * them bit for bit. They feed the committed parity fixtures (no photos are ever committed).
 */

/** A 32-bit integer hash of (x, y, c, seed); the same arithmetic as `_hash` in synthetic.py. */
function hash(x: number, y: number, c: number, seed: number): number {
  let h = (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(c, 83492791) ^ seed) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * A `size` x `size` RGB image (HWC, uint8): blocky noise background, a shaded skin ellipse, two eyes, a mouth.
 * @example syntheticImage(128, 7) // Uint8Array of 128*128*3
 */
export function syntheticImage(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size * size * 3)
  const cx = Math.floor(size / 2)
  const cy = Math.floor((size * 52) / 100)
  const rx = Math.floor((size * 30) / 100)
  const ry = Math.floor((size * 38) / 100)
  const eyeDx = Math.floor((size * 12) / 100)
  const eyeY = cy - Math.floor((size * 8) / 100)
  const eyeR = Math.max(1, Math.floor(size / 20))
  const mouthY = cy + Math.floor((size * 18) / 100)
  const skin = [200, 160, 130]
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x - cx
      const dy = y - cy
      const inFace = dx * dx * ry * ry + dy * dy * rx * rx <= rx * rx * ry * ry
      const inEye = [cx - eyeDx, cx + eyeDx].some(
        (ex) => (x - ex) * (x - ex) + (y - eyeY) * (y - eyeY) <= eyeR * eyeR
      )
      const inMouth = Math.abs(dx) <= Math.floor(rx / 2) && Math.abs(y - mouthY) <= eyeR
      for (let c = 0; c < 3; c++) {
        let v = 64 + (hash(x >> 3, y >> 3, c, seed) & 127)
        if (inFace) v = (skin[c] ?? 0) - Math.floor(((x + y) * 40) / (2 * size))
        if (inFace && inEye) v = 40
        if (inFace && inMouth) v = c === 0 ? 170 : 60
        out[(y * size + x) * 3 + c] = v
      }
    }
  }
  return out
}
