import { describe, expect, it } from 'vitest'
import {
  doubleTapZoom,
  isDoubleTap,
  MAX_ZOOM,
  pinchZoom,
  turnedYaw,
  wrapYaw,
} from './view-gestures.ts'

describe('turnedYaw', () => {
  it('turns a quarter turn per picture width, calmer than before', () => {
    expect(turnedYaw(0, 100, 200, 90)).toBe(45)
    expect(turnedYaw(0, -200, 200, 90)).toBe(-90)
  })
  it('stops at the editor limit and wraps on the turntable', () => {
    expect(turnedYaw(80, 200, 200, 90)).toBe(90)
    expect(turnedYaw(150, 200, 200)).toBe(-120)
    expect(turnedYaw(10, 0, 0, 90)).toBe(10)
  })
  it('wraps any angle into (-180, 180]', () => {
    expect([wrapYaw(180), wrapYaw(-180), wrapYaw(540), wrapYaw(-190)]).toEqual([180, 180, 180, 170])
  })
})

describe('zoom', () => {
  it('follows the fingers, within range', () => {
    expect(pinchZoom(1, 40, 120)).toBe(3)
    expect(pinchZoom(2, 100, 50)).toBe(1)
    expect(pinchZoom(1, 100, 1000)).toBe(MAX_ZOOM)
    expect(pinchZoom(1.5, 0, 50)).toBe(1.5)
  })
  it('double tap goes in, then out', () => {
    expect(doubleTapZoom(1)).toBeGreaterThan(2)
    expect(doubleTapZoom(2.5)).toBe(1)
    expect(isDoubleTap({ x: 0, y: 0, at: 0 }, { x: 5, y: 5, at: 200 })).toBe(true)
    expect(isDoubleTap({ x: 0, y: 0, at: 0 }, { x: 5, y: 5, at: 900 })).toBe(false)
    expect(isDoubleTap({ x: 0, y: 0, at: 0 }, { x: 80, y: 0, at: 100 })).toBe(false)
    expect(isDoubleTap(null, { x: 0, y: 0, at: 0 })).toBe(false)
  })
})
