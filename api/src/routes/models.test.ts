import { describe, expect, it } from 'vitest'
import { servedRigVersion } from './models.ts'

const file = (rigVersion?: number | null) => ({
  id: 'm',
  file: 'm.onnx',
  sha256: '0'.repeat(64),
  bytes: 1,
  inputs: [],
  outputs: [],
  ...(rigVersion === undefined ? {} : { rigVersion }),
})

describe('the rig version a model release is served with', () => {
  it('is the current rig (2) when no file depends on a rig (today: detector, mesh, embedders)', () => {
    expect(servedRigVersion(1, [file(null), file(null)])).toBe(2)
    expect(servedRigVersion(1, [])).toBe(2)
  })
  it('is the rig a rig-dependent file was trained for', () => {
    expect(servedRigVersion(1, [file(null), file(1)])).toBe(1)
    expect(servedRigVersion(2, [file(2), file(null)])).toBe(2)
  })
  it("counts a file without the field (older manifests) as trained for the release's rig", () => {
    expect(servedRigVersion(1, [file(), file(null)])).toBe(1)
  })
  it('answers the newest rig when files disagree', () => {
    expect(servedRigVersion(1, [file(1), file(2)])).toBe(2)
  })
})
