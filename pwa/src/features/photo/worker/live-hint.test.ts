import { describe, expect, it } from 'vitest'
import type { Face, FaceResult } from '@facecraft/shared/face'
import { liveHint } from './live-hint.ts'

/** A frame 640x480 with faces of the given box widths (centred) and yaw. */
function frame(widths: number[], yaw = 0, pitch = 0): FaceResult {
  const faces = widths.map(
    (w) =>
      ({
        box: { x: 320 - w / 2, y: 100, width: w, height: w },
        pose: { yaw, pitch, roll: 0 },
      }) as Face
  )
  return {
    faces: faces.slice(0, 1),
    allDetections: faces,
    detections: faces.length,
    warnings: [],
    width: 640,
    height: 480,
  }
}

describe('live hint', () => {
  it('asks for light first, then a face, one person, closer, turned to the camera', () => {
    expect(liveHint(frame([200]), 20).code).toBe('too-dark')
    expect(liveHint(frame([]), 120).code).toBe('no-face')
    expect(liveHint(frame([200, 180]), 120).code).toBe('several-faces')
    expect(liveHint(frame([60]), 120).code).toBe('move-closer')
    expect(liveHint(frame([200], 35), 120).code).toBe('turn')
    const ok = liveHint(frame([200]), 120)
    expect(ok.code).toBe('ok')
    expect(ok.box).toEqual({ x: 220 / 640, y: 100 / 480, width: 200 / 640, height: 200 / 480 })
  })

  it('asks to face the camera from a slight turn on (yaw over 12 degrees), a tilt from 20', () => {
    expect(liveHint(frame([200], 10), 120).code).toBe('ok')
    expect(liveHint(frame([200], -15), 120).code).toBe('turn')
    expect(liveHint(frame([200], 0, 15), 120).code).toBe('ok')
    expect(liveHint(frame([200], 0, -25), 120).code).toBe('turn')
  })

  it("asks to hold the phone further away when the face fills more than three quarters of the frame's short side", () => {
    expect(liveHint(frame([350]), 120).code).toBe('ok') // 0.73 of 480
    const near = liveHint(frame([380]), 120) // 0.79
    expect(near.code).toBe('move-back')
    expect(near.message).toMatch(/further away, at arm's length/)
    expect(liveHint(frame([380], 35), 120).code).toBe('move-back') // the nearer problem first
  })

  it('ignores a small face far behind the player', () => {
    expect(liveHint(frame([200, 50]), 120).code).toBe('ok')
  })
})
