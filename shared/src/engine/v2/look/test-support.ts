/**
 * @module engine/v2/look/test-support — shared inputs of the look tests and previews: sample appearances and a
 * front camera framing a head whose eye midpoint is known. Pure (no file system).
 */
import { mat4, vec3, type Mat4 } from '../../../math/index.ts'
import type { Appearance, HeadView, LinearRgb } from '../mesh-types.ts'
import { srgbToLinear } from '../../../render/resolve.ts'

const lin = (r: number, g: number, b: number): LinearRgb => [
  srgbToLinear(r),
  srgbToLinear(g),
  srgbToLinear(b),
]

/** A neutral appearance; override fields per test. */
export function sampleAppearance(over: Partial<Appearance> = {}): Appearance {
  return {
    skinTone: 0.65,
    undertone: 0.5,
    age: 0.5,
    gender: 0.5,
    hairColor: lin(70, 45, 30),
    browColor: lin(60, 40, 28),
    beardColor: lin(60, 40, 28),
    irisColor: lin(70, 110, 150),
    lipColor: lin(185, 100, 95),
    lipstick: 0,
    lipstickColor: lin(170, 30, 50),
    freckles: 0,
    blush: 0.3,
    hairStyle: 'short02',
    beardStyle: 'none',
    lensTint: 0,
    seed: 7,
    ...over,
  }
}

/** Preview/test characters spanning tone, age, gender and styles. */
export const SAMPLE_LOOKS: Record<string, Partial<Appearance>> = {
  medium: {},
  dark: {
    skinTone: 0.08,
    undertone: 0.6,
    gender: 1,
    age: 0.62,
    hairColor: lin(25, 20, 18),
    browColor: lin(22, 18, 16),
    beardColor: lin(22, 18, 16),
    irisColor: lin(60, 35, 20),
    lipColor: lin(110, 60, 60),
    beardStyle: 'stubble',
  },
  old: {
    skinTone: 0.85,
    undertone: 0.35,
    age: 0.9,
    gender: 0.8,
    hairColor: lin(175, 170, 165),
    browColor: lin(140, 135, 130),
    beardColor: lin(160, 155, 150),
    irisColor: lin(110, 120, 110),
  },
  fair: {
    skinTone: 1,
    undertone: 0.3,
    age: 0.45,
    gender: 0,
    hairColor: lin(150, 60, 25),
    browColor: lin(120, 55, 30),
    irisColor: lin(90, 130, 80),
    freckles: 0.9,
    lipstick: 0.8,
    blush: 0.6,
  },
}

/** A front camera (18 degree lens, 100 cm away) centred a little below `focus` (cm). */
export function frontView(
  focus: readonly [number, number, number],
  samples = 256
): HeadView & { viewProj: Mat4 } {
  const target = vec3.fromValues(focus[0], focus[1] - 1.5, focus[2] - 6)
  const eye: [number, number, number] = [target[0]!, target[1]!, target[2]! + 100]
  const view = mat4.lookAt(
    mat4.create(),
    vec3.fromValues(...eye),
    target,
    vec3.fromValues(0, 1, 0)
  )!
  const proj = mat4.perspective(mat4.create(), (18 * Math.PI) / 180, 1, 50, 150)
  const height = 2 * 100 * Math.tan((9 * Math.PI) / 180) // cm visible at the head
  return { viewProj: mat4.mul(mat4.create(), proj, view), eye, sampleCm: height / samples }
}
