import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { folderSet } from './photo-sets.ts'

/** A temporary folder with empty files at the given relative paths (names only; nothing is decoded here). */
function folder(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'facecraft-set-'))
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true })
    writeFileSync(join(dir, f), '')
  }
  return dir
}

describe('folderSet', () => {
  it('reads person subfolders: the first photo by name creates, the rest are ranked; singles are skipped', () => {
    const dir = folder([
      'ann/2.jpg',
      'ann/1.png',
      'bob/a.jpeg',
      'bob/b.JPG',
      'cy/only.jpg',
      'bob/notes.txt',
    ])
    const set = folderSet(dir)
    expect(set.people.map((p) => p.person)).toEqual(['ann', 'bob'])
    expect(set.people[0]!.create).toMatch(/ann\/1\.png$/)
    expect(set.people[0]!.ranked).toHaveLength(1)
    expect(set.people[1]!.ranked[0]).toMatch(/bob\/b\.JPG$/)
    expect(set.skipped).toEqual(['cy'])
  })

  it('reads a flat folder as one photo per person, ranked against itself', () => {
    const set = folderSet(folder(['x.jpg', 'y.png']))
    expect(set.people).toHaveLength(2)
    expect(set.people[0]!.ranked).toEqual([set.people[0]!.create])
  })

  it('explains what to give when the folder is missing or too small', () => {
    expect(() => folderSet('/no/such/dir')).toThrow(/not a readable folder/)
    expect(() => folderSet(folder(['one.jpg']))).toThrow(/at least two/)
  })
})
