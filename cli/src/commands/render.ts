/**
 * @module cli/commands/render — `facecraft render`: draws one character (random, from a JSON file or from a share
 * code) or a contact sheet of random characters, as PNG.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { checkSize, renderCharacter } from '@facecraft/shared/engine'
import { encodePng } from '@facecraft/shared/image'
import {
  ShareCodeError,
  checkCharacter,
  decodeShareCode,
  randomCharacter,
  type Character,
} from '@facecraft/shared/rig'
import {
  checkCharacterV2,
  decodeAnyShareCode,
  migrateV1,
  randomPlausibleCharacter,
} from '@facecraft/shared/rig-v2'
import { intOption, numberOption, parse } from '../args.ts'
import { engineV2, lookShader } from '../engine-v2.ts'
import { UsageError, type Command } from '../command.ts'
import type { RgbaImage } from '@facecraft/shared/image'

const USAGE = `Usage:
  facecraft render (--random SEED | --params FILE | --code CODE) [--size N] [--yaw DEG]
                   [--background transparent|#rrggbb] --out FILE.png
  facecraft render --sheet N --seed S [--size N] [--background ...] --out FILE.png
  (add --engine 2 to any of these for engine v2)

  --random SEED   a uniformly random character from an integer seed
  --params FILE   a Character JSON file (see 'facecraft rig --json' for the ids)
  --code CODE     a share code (fc1....)
  --sheet N       N random characters (1-64) in a grid, from --seed S (default 1)
  --size N        image size in pixels, 16-2048 (sheet: each cell; default 256)
  --yaw DEG       turn the head, -90 to 90 degrees (+ = nose toward the subject's left)
  --background    'transparent' (default) or a colour like #ffffff
  --out FILE.png  where to write the PNG
  --engine 1|2    engine (default 1). With 2: --random draws a plausible person (rig v2 prior), --code takes
                  fc2 codes and fc1 codes (migrated), --params takes rig v2 JSON or rig v1 JSON (migrated)`

const OPTIONS = {
  random: { type: 'string' },
  params: { type: 'string' },
  code: { type: 'string' },
  sheet: { type: 'string' },
  seed: { type: 'string' },
  size: { type: 'string' },
  yaw: { type: 'string' },
  background: { type: 'string' },
  out: { type: 'string' },
  engine: { type: 'string' },
} as const

export const renderCommand: Command = {
  name: 'render',
  summary: 'render a character (random, JSON, share code) or a contact sheet to PNG',
  usage: USAGE,
  async run(argv) {
    const { values } = parse(argv, OPTIONS)
    if (!values.out) throw new UsageError('--out FILE.png is required.')
    const size = sizeOption(values.size)
    const yaw = numberOption(values.yaw, 'yaw', 0, -90, 90)
    const background = backgroundOption(values.background)
    const sources = (['random', 'params', 'code', 'sheet'] as const).filter(
      (k) => values[k] !== undefined
    )
    if (sources.length !== 1) {
      throw new UsageError(
        sources.length === 0
          ? 'say what to render: --random SEED, --params FILE, --code CODE or --sheet N.'
          : `choose one source, got ${sources.map((s) => `--${s}`).join(' and ')}.`
      )
    }
    if (values.seed !== undefined && !values.sheet)
      throw new UsageError('--seed goes with --sheet.')
    const version = intOption(values.engine, 'engine', 1, 1, 2)
    const render: Renderer =
      version === 2
        ? (c, o) => engineV2().render(c, o, lookShader)
        : (c, o) => renderCharacter(c, o)
    const random = version === 2 ? randomPlausibleCharacter : randomCharacter
    let image: RgbaImage
    if (values.sheet !== undefined) {
      const n = intOption(values.sheet, 'sheet', 16, 1, 64)
      const seed = intOption(values.seed, 'seed', 1, 0, 2 ** 31 - 1)
      image = contactSheet(n, seed, size, yaw, background, render, random)
    } else {
      const c = version === 2 ? loadCharacterV2(values) : loadCharacter(values)
      image = render(c, { size, yaw, background })
    }
    writeFileSync(values.out, encodePng(image))
    console.log(`wrote ${values.out} (${image.width}x${image.height})`)
    return 0
  },
}

type Renderer = (
  c: Character,
  o: { size: number; yaw: number; background: 'transparent' | [number, number, number] }
) => RgbaImage

function sizeOption(value: string | undefined): number {
  if (value === undefined) return 256
  const n = Number(value)
  try {
    return checkSize(n)
  } catch {
    throw new UsageError(`--size must be an integer from 16 to 2048, got '${value}'.`)
  }
}

function backgroundOption(value: string | undefined): 'transparent' | [number, number, number] {
  if (value === undefined || value === 'transparent') return 'transparent'
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value)
  if (!m) throw new UsageError(`--background must be 'transparent' or #rrggbb, got '${value}'.`)
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)]
}

function loadCharacter(values: { random?: string; params?: string; code?: string }): Character {
  if (values.random !== undefined)
    return randomCharacter(intOption(values.random, 'random', 0, 0, 2 ** 31 - 1))
  if (values.code !== undefined) return explainShareCode(() => decodeShareCode(values.code!))
  const file = values.params!
  const json = readCharacterJson(file)
  assertValid(
    file,
    checkCharacter(json),
    'a valid character',
    "Fix these fields; 'facecraft rig --json' lists every id and its range."
  )
  return json as Character
}

/** A rig v2 character from --random (plausible prior), --code (fc2, or fc1 migrated) or --params (v2/v1 JSON). */
function loadCharacterV2(values: { random?: string; params?: string; code?: string }): Character {
  if (values.random !== undefined)
    return randomPlausibleCharacter(intOption(values.random, 'random', 0, 0, 2 ** 31 - 1))
  if (values.code !== undefined) return explainShareCode(() => decodeAnyShareCode(values.code!))
  const file = values.params!
  const json = readCharacterJson(file)
  const rig = (json as { rig?: unknown } | null)?.rig
  assertValid(
    file,
    rig === 1 ? checkCharacter(json) : checkCharacterV2(json),
    `a valid rig v${rig === 1 ? 1 : 2} character`,
    "Fix these fields; 'facecraft rig --json' lists the v1 ids, docs/engine-v2.md the v2 ones."
  )
  return rig === 1 ? migrateV1(json as Character) : (json as Character)
}

/** The character of a share code; a bad code becomes a plain error naming what is wrong. */
function explainShareCode(decode: () => { character: Character }): Character {
  try {
    return decode().character
  } catch (error) {
    if (error instanceof ShareCodeError) throw new Error(`bad share code: ${error.message}`)
    throw error
  }
}

/** The parsed JSON of a --params file, or an error naming the file and why it could not be read. */
function readCharacterJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new Error(`cannot read a Character JSON from '${file}': ${why}`)
  }
}

/** Throws one error listing every validation issue of `file`, with `hint` on what to do. */
function assertValid(
  file: string,
  issues: readonly { path: string; message: string }[],
  what: string,
  hint: string
): void {
  if (issues.length === 0) return
  const list = issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')
  throw new Error(`'${file}' is not ${what} (${issues.length} problems):\n${list}\n` + hint)
}

/** Seed of the i-th character of sheet `seed` (documented, so a sheet's cell can be re-rendered alone). */
export function sheetSeed(seed: number, i: number): number {
  return (seed * 1000 + i) >>> 0
}

/** N random characters (seeds from sheetSeed), in a near-square grid of `cell`-pixel renders. */
function contactSheet(
  n: number,
  seed: number,
  cell: number,
  yaw: number,
  background: 'transparent' | [number, number, number],
  render: Renderer,
  random: (seed: number) => Character
): RgbaImage {
  const cols = Math.ceil(Math.sqrt(n))
  const rows = Math.ceil(n / cols)
  const width = cols * cell
  const data = new Uint8ClampedArray(width * rows * cell * 4)
  for (let i = 0; i < n; i++) {
    const tile = render(random(sheetSeed(seed, i)), { size: cell, yaw, background })
    const x0 = (i % cols) * cell
    const y0 = Math.floor(i / cols) * cell
    for (let y = 0; y < cell; y++) {
      data.set(tile.data.subarray(y * cell * 4, (y + 1) * cell * 4), ((y0 + y) * width + x0) * 4)
    }
  }
  return { width, height: rows * cell, data }
}
