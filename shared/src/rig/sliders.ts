/**
 * @module rig/sliders — the continuous bone sliders, grouped by facial part.
 *
 * Ranges are chosen so that ANY combination of values in [0, 1] still gives a plausible human head: the imitator
 * is trained on uniformly random characters, so an implausible corner of the cube is a wasted corner.
 * Bones named here are built and skinned by the engine (see shared/src/engine).
 */
import type { BoneAxis, BoneOp, RigGroup, SliderDef } from './schema.ts'

type Row = [
  id: string,
  label: string,
  bone: string,
  op: BoneOp,
  axis: BoneAxis,
  min: number,
  max: number,
  defaultValue?: number,
]

/** Rows per group; a bone name ending in `*` is a symmetric left/right pair. */
const TABLE: Record<string, Row[]> = {
  face: [
    ['face.width', 'Face width', 'head', 'scale', 'x', 0.9, 1.1],
    ['face.height', 'Face height', 'head', 'scale', 'y', 0.92, 1.08],
    ['face.depth', 'Head depth', 'head', 'scale', 'z', 0.92, 1.08],
    ['face.upper_width', 'Skull width', 'cranium', 'scale', 'x', 0.92, 1.08],
    ['face.cranium_height', 'Skull height', 'cranium', 'translate', 'y', -0.8, 0.8],
    ['face.cranium_depth', 'Skull depth', 'cranium', 'scale', 'z', 0.92, 1.08],
    ['face.midface_length', 'Midface length', 'midface', 'translate', 'y', -0.4, 0.4],
    ['face.neck_width', 'Neck width', 'neck', 'scale', 'x', 0.85, 1.15],
    ['face.neck_depth', 'Neck depth', 'neck', 'scale', 'z', 0.85, 1.15],
    ['face.neck_slope', 'Neck slope', 'neck', 'rotate', 'x', -0.12, 0.12],
  ],
  forehead: [
    ['forehead.height', 'Forehead height', 'forehead', 'translate', 'y', -0.6, 0.6],
    ['forehead.slope', 'Forehead slope', 'forehead', 'rotate', 'x', -0.2, 0.2],
    ['forehead.prominence', 'Forehead prominence', 'forehead', 'translate', 'z', -0.4, 0.4],
    ['forehead.width', 'Forehead width', 'forehead', 'scale', 'x', 0.9, 1.1],
    ['forehead.temple_width', 'Temple width', 'temple*', 'translate', 'x', -0.5, 0.5],
    ['forehead.temple_depth', 'Temple hollow', 'temple*', 'translate', 'z', -0.4, 0.3],
    ['forehead.brow_ridge', 'Brow ridge depth', 'brow_ridge', 'translate', 'z', -0.3, 0.45],
    ['forehead.brow_ridge_height', 'Brow ridge height', 'brow_ridge', 'translate', 'y', -0.3, 0.3],
  ],
  cheeks: [
    ['cheeks.bone_width', 'Cheekbone width', 'cheekbone*', 'translate', 'x', -0.5, 0.5],
    ['cheeks.bone_height', 'Cheekbone height', 'cheekbone*', 'translate', 'y', -0.45, 0.45],
    ['cheeks.bone_prominence', 'Cheekbone prominence', 'cheekbone*', 'translate', 'z', -0.35, 0.45],
    ['cheeks.bone_size', 'Cheekbone size', 'cheekbone*', 'scale', 'xyz', 0.85, 1.15],
    ['cheeks.fullness', 'Cheek fullness', 'cheek*', 'translate', 'x', -0.45, 0.6],
    ['cheeks.depth', 'Cheek depth', 'cheek*', 'translate', 'z', -0.4, 0.4],
    ['cheeks.height', 'Cheek height', 'cheek*', 'translate', 'y', -0.4, 0.4],
    ['cheeks.size', 'Cheek size', 'cheek*', 'scale', 'xyz', 0.85, 1.15],
  ],
  jaw: [
    ['jaw.width', 'Jaw width', 'jaw_angle*', 'translate', 'x', -0.7, 0.7],
    ['jaw.height', 'Jaw angle height', 'jaw_angle*', 'translate', 'y', -0.6, 0.6],
    ['jaw.depth', 'Jaw angle depth', 'jaw_angle*', 'translate', 'z', -0.5, 0.5],
    ['jaw.flare', 'Jaw flare', 'jaw_angle*', 'rotate', 'z', -0.18, 0.18],
    ['jaw.line_width', 'Jawline width', 'jaw', 'scale', 'x', 0.88, 1.12],
    ['jaw.length', 'Lower face length', 'jaw', 'translate', 'y', 0.5, -0.5],
    ['jaw.protrusion', 'Jaw protrusion', 'jaw', 'translate', 'z', -0.4, 0.4],
    ['jaw.slope', 'Jaw slope', 'jaw', 'rotate', 'x', -0.12, 0.12],
    ['jaw.mass', 'Jaw mass', 'jaw', 'scale', 'z', 0.9, 1.1],
  ],
  chin: [
    ['chin.height', 'Chin height', 'chin', 'translate', 'y', -0.5, 0.5],
    ['chin.protrusion', 'Chin protrusion', 'chin', 'translate', 'z', -0.5, 0.5],
    ['chin.width', 'Chin width', 'chin', 'scale', 'x', 0.75, 1.25],
    ['chin.length', 'Chin length', 'chin', 'scale', 'y', 0.8, 1.2],
    ['chin.depth', 'Chin depth', 'chin', 'scale', 'z', 0.85, 1.15],
    ['chin.tilt', 'Chin tilt', 'chin', 'rotate', 'x', -0.22, 0.22],
    ['chin.shift', 'Chin shift', 'chin', 'translate', 'x', -0.25, 0.25],
  ],
  brows: [
    ['brows.height', 'Brow height', 'brow*', 'translate', 'y', -0.45, 0.45],
    ['brows.spacing', 'Brow spacing', 'brow*', 'translate', 'x', -0.4, 0.4],
    ['brows.depth', 'Brow depth', 'brow*', 'translate', 'z', -0.25, 0.25],
    ['brows.tilt', 'Brow tilt', 'brow*', 'rotate', 'z', -0.25, 0.25],
    ['brows.length', 'Brow length', 'brow*', 'scale', 'x', 0.8, 1.2],
    ['brows.thickness', 'Brow thickness', 'brow*', 'scale', 'y', 0.6, 1.6],
    ['brows.inner_height', 'Inner brow height', 'brow_inner*', 'translate', 'y', -0.35, 0.35],
    ['brows.inner_spacing', 'Inner brow spacing', 'brow_inner*', 'translate', 'x', -0.3, 0.3],
    ['brows.outer_height', 'Outer brow height', 'brow_outer*', 'translate', 'y', -0.35, 0.35],
    ['brows.outer_spacing', 'Outer brow spacing', 'brow_outer*', 'translate', 'x', -0.35, 0.35],
    ['brows.arch', 'Brow arch', 'brow_mid*', 'translate', 'y', -0.25, 0.35],
  ],
  eyes: [
    ['eyes.spacing', 'Eye spacing', 'eye*', 'translate', 'x', -0.45, 0.45],
    ['eyes.height', 'Eye height', 'eye*', 'translate', 'y', -0.45, 0.45],
    ['eyes.depth', 'Eye depth', 'eye*', 'translate', 'z', -0.35, 0.35],
    ['eyes.size', 'Eye size', 'eye*', 'scale', 'xyz', 0.85, 1.15],
    ['eyes.width', 'Eye width', 'eye*', 'scale', 'x', 0.85, 1.15],
    ['eyes.opening', 'Eye opening', 'eye*', 'scale', 'y', 0.7, 1.3],
    ['eyes.tilt', 'Eye tilt', 'eye*', 'rotate', 'z', -0.22, 0.22],
    ['eyes.upper_lid', 'Upper lid height', 'eyelid_upper*', 'translate', 'y', -0.2, 0.2],
    ['eyes.upper_lid_fold', 'Upper lid fold', 'eyelid_upper*', 'translate', 'z', -0.15, 0.15],
    ['eyes.lower_lid', 'Lower lid height', 'eyelid_lower*', 'translate', 'y', -0.15, 0.15],
    ['eyes.inner_corner', 'Inner corner position', 'eye_inner*', 'translate', 'x', -0.25, 0.25],
    [
      'eyes.inner_corner_height',
      'Inner corner height',
      'eye_inner*',
      'translate',
      'y',
      -0.18,
      0.18,
    ],
    ['eyes.outer_corner', 'Outer corner position', 'eye_outer*', 'translate', 'x', -0.25, 0.25],
    [
      'eyes.outer_corner_height',
      'Outer corner height',
      'eye_outer*',
      'translate',
      'y',
      -0.22,
      0.22,
    ],
    ['eyes.iris_size', 'Iris size', 'iris*', 'scale', 'xyz', 0.88, 1.12],
    ['eyes.pupil_size', 'Pupil size', 'pupil*', 'scale', 'xyz', 0.75, 1.35],
    ['eyes.bags', 'Under-eye bags', 'eyebag*', 'translate', 'z', -0.08, 0.25, 0.3],
  ],
  nose: [
    ['nose.length', 'Nose length', 'nose', 'scale', 'y', 0.85, 1.18],
    ['nose.height', 'Nose position', 'nose', 'translate', 'y', -0.4, 0.4],
    ['nose.projection', 'Nose projection', 'nose', 'translate', 'z', -0.4, 0.5],
    ['nose.width', 'Nose width', 'nose', 'scale', 'x', 0.8, 1.25],
    ['nose.bridge_height', 'Bridge height', 'nose_bridge', 'translate', 'z', -0.35, 0.45],
    ['nose.bridge_width', 'Bridge width', 'nose_bridge', 'scale', 'x', 0.75, 1.3],
    ['nose.hump', 'Bridge hump', 'nose_hump', 'translate', 'z', -0.15, 0.35, 0.3],
    ['nose.root_height', 'Root height', 'nose_root', 'translate', 'y', -0.35, 0.35],
    ['nose.root_depth', 'Root depth', 'nose_root', 'translate', 'z', -0.35, 0.35],
    ['nose.tip_height', 'Tip height', 'nose_tip', 'translate', 'y', -0.35, 0.35],
    ['nose.tip_projection', 'Tip projection', 'nose_tip', 'translate', 'z', -0.35, 0.45],
    ['nose.tip_size', 'Tip size', 'nose_tip', 'scale', 'xyz', 0.75, 1.3],
    ['nose.tip_angle', 'Tip angle', 'nose_tip', 'rotate', 'x', -0.3, 0.3],
    ['nose.nostril_width', 'Nostril width', 'nostril*', 'translate', 'x', -0.35, 0.45],
    ['nose.nostril_height', 'Nostril height', 'nostril*', 'translate', 'y', -0.25, 0.25],
    ['nose.nostril_size', 'Nostril size', 'nostril*', 'scale', 'xyz', 0.75, 1.3],
    ['nose.shift', 'Nose shift', 'nose', 'translate', 'x', -0.2, 0.2],
  ],
  mouth: [
    ['mouth.height', 'Mouth position', 'mouth', 'translate', 'y', -0.45, 0.45],
    ['mouth.width', 'Mouth width', 'mouth', 'scale', 'x', 0.8, 1.2],
    ['mouth.protrusion', 'Mouth protrusion', 'mouth', 'translate', 'z', -0.35, 0.45],
    ['mouth.upper_lip_thickness', 'Upper lip thickness', 'lip_upper', 'scale', 'y', 0.55, 1.6],
    ['mouth.lower_lip_thickness', 'Lower lip thickness', 'lip_lower', 'scale', 'y', 0.55, 1.6],
    [
      'mouth.upper_lip_protrusion',
      'Upper lip protrusion',
      'lip_upper',
      'translate',
      'z',
      -0.25,
      0.25,
    ],
    [
      'mouth.lower_lip_protrusion',
      'Lower lip protrusion',
      'lip_lower',
      'translate',
      'z',
      -0.25,
      0.25,
    ],
    ['mouth.upper_lip_width', 'Upper lip width', 'lip_upper', 'scale', 'x', 0.85, 1.15],
    ['mouth.lower_lip_width', 'Lower lip width', 'lip_lower', 'scale', 'x', 0.85, 1.15],
    ['mouth.corner_height', 'Mouth corner height', 'mouth_corner*', 'translate', 'y', -0.25, 0.25],
    ['mouth.corner_width', 'Mouth corner position', 'mouth_corner*', 'translate', 'x', -0.25, 0.25],
    ['mouth.corner_depth', 'Mouth corner depth', 'mouth_corner*', 'translate', 'z', -0.25, 0.25],
    ['mouth.cupid_bow', "Cupid's bow", 'lip_peak*', 'translate', 'y', -0.12, 0.18],
    ['mouth.philtrum_depth', 'Philtrum depth', 'philtrum', 'translate', 'z', -0.15, 0.15],
    ['mouth.philtrum_width', 'Philtrum width', 'philtrum', 'scale', 'x', 0.7, 1.3],
    ['mouth.shift', 'Mouth shift', 'mouth', 'translate', 'x', -0.15, 0.15],
  ],
  ears: [
    ['ears.size', 'Ear size', 'ear*', 'scale', 'xyz', 0.82, 1.2],
    ['ears.height', 'Ear height', 'ear*', 'translate', 'y', -0.5, 0.5],
    ['ears.position', 'Ear position', 'ear*', 'translate', 'z', -0.4, 0.4],
    ['ears.protrusion', 'Ear protrusion', 'ear*', 'rotate', 'y', 0.12, -0.45, 0.42],
    ['ears.tilt', 'Ear tilt', 'ear*', 'rotate', 'x', -0.22, 0.22],
    ['ears.length', 'Ear length', 'ear*', 'scale', 'y', 0.85, 1.18],
    ['ears.width', 'Ear width', 'ear*', 'scale', 'z', 0.85, 1.2],
    ['ears.lobe_size', 'Lobe size', 'ear_lobe*', 'scale', 'xyz', 0.6, 1.5],
    ['ears.point', 'Ear top shape', 'ear_top*', 'translate', 'y', -0.25, 0.35, 0.4],
    ['ears.top_protrusion', 'Ear top protrusion', 'ear_top*', 'translate', 'x', -0.15, 0.35, 0.3],
  ],
}

function toDef(group: string, [id, label, bone, op, axis, min, max, def]: Row): SliderDef {
  const symmetric = bone.endsWith('*')
  return {
    id,
    group: group as RigGroup,
    label,
    bone: symmetric ? bone.slice(0, -1) : bone,
    op,
    axis,
    symmetric,
    min,
    max,
    // A slider whose rest value (0 cm, 0 rad, factor 1) sits inside its range defaults to it.
    default: def ?? restValue(op, min, max),
  }
}

function restValue(op: BoneOp, min: number, max: number): number {
  const rest = op === 'scale' ? 1 : 0
  return Math.round(((rest - min) / (max - min)) * 1000) / 1000
}

/** Every continuous slider, in rig order (the order of the parameter vector). */
export const SLIDERS: readonly SliderDef[] = Object.freeze(
  Object.entries(TABLE).flatMap(([group, rows]) =>
    rows.map((row) => Object.freeze(toDef(group, row)))
  )
)
