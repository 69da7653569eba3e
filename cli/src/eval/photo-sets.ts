/**
 * @module cli/eval/photo-sets — who to create from and what to rank, for `eval likeness` and friends: the London
 * set (create from the NEUTRAL photo, rank the SMILING one among all smiling photos), or `--photos DIR`: person
 * subfolders (the first photo by name creates, the others are ranked) or a flat folder (one photo per person,
 * ranked against itself).
 */
import { readdirSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import { londonPeople } from './london.ts'

/** One person of a set. */
export interface SetPerson {
  person: string
  /** The photo the character is created from. */
  create: string
  /** Held-out photos of the same person, ranked among everyone's. */
  ranked: string[]
  gender?: string
  ethnicity?: string
  age?: number
}

/** People and how their photos are used. */
export interface PhotoSet {
  name: string
  people: SetPerson[]
}

const IMAGE = new Set(['.jpg', '.jpeg', '.png'])
const images = (dir: string) =>
  readdirSync(dir)
    .filter((f) => IMAGE.has(extname(f).toLowerCase()) && statSync(join(dir, f)).isFile())
    .sort()

/** The London set: 102 people, neutral creates, smiling is ranked. */
export function londonSet(): PhotoSet {
  return {
    name: 'london',
    people: londonPeople().map((p) => ({
      person: p.person,
      create: p.neutral,
      ranked: [p.smiling],
      gender: p.gender,
      ethnicity: p.ethnicity,
      age: p.age,
    })),
  }
}

/**
 * A folder as a photo set. Subfolders with at least two photos are people (a subfolder with one photo is
 * skipped, and said so via `skipped`); with no subfolders, each photo is a person ranked against itself.
 */
export function folderSet(dir: string): PhotoSet & { skipped: string[] } {
  let entries: string[]
  try {
    entries = readdirSync(dir).sort()
  } catch {
    throw new Error(
      `--photos ${dir}: not a readable folder; give a folder of photos or of person subfolders.`
    )
  }
  const folders = entries.filter((e) => statSync(join(dir, e)).isDirectory())
  const skipped: string[] = []
  let people: SetPerson[]
  if (folders.length) {
    people = []
    for (const f of folders) {
      const files = images(join(dir, f)).map((x) => join(dir, f, x))
      if (files.length < 2) {
        skipped.push(f)
        continue
      }
      people.push({ person: f, create: files[0]!, ranked: files.slice(1) })
    }
  } else {
    people = images(dir).map((f) => ({ person: f, create: join(dir, f), ranked: [join(dir, f)] }))
  }
  if (people.length < 2)
    throw new Error(
      `--photos ${dir}: found ${people.length} usable people; give at least two (subfolders need two photos each, or a flat folder of one photo per person).`
    )
  return { name: dir, people, skipped }
}
