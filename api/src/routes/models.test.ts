import { describe, expect, it } from 'vitest'
import { groupsQuery, servedRigVersion } from './models.ts'

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

describe('the group query', () => {
  it('is null when absent (every file), else the groups asked for, repeated or comma-separated', () => {
    expect(groupsQuery(undefined)).toBeNull()
    expect(groupsQuery([])).toBeNull()
    expect([...groupsQuery(['create', 'refine,eval'])!]).toEqual(['create', 'refine', 'eval'])
    expect([...groupsQuery([' refine '])!]).toEqual(['refine'])
  })
  it('refuses anything else with 400 naming the groups', () => {
    for (const bad of [[''], ['train'], ['create,'], ['CREATE']]) {
      expect(() => groupsQuery(bad)).toThrow(/must be one or more of: create, refine, eval/)
    }
  })
})
