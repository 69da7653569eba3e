/**
 * @module cli/eval/report — evaluation reports under models/reports/: the figures as JSON, a Markdown page, and
 * image grids (PNG). Only what a command was asked to write; nothing here runs in tests' fixtures folders.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createImage, encodePng, type RgbaImage } from '@facecraft/shared/image'

/** models/reports beside this checkout. */
export const REPORTS_DIR = fileURLToPath(new URL('../../../models/reports/', import.meta.url))

/** Checks a report name (letters, digits, '-', '_', '.'), so that it can only land in models/reports. */
export function reportName(value: string | boolean | undefined): string | null {
  if (value === undefined || value === false) return null
  if (typeof value !== 'string' || !/^[A-Za-z0-9][\w.-]*$/.test(value))
    throw new Error(
      `--report takes a plain name such as 'reach-v1' (written to models/reports/), got '${value}'.`
    )
  return value
}

/** Writes `<name>.json` and `<name>.md` (and any PNGs) into models/reports; returns the paths written. */
export function writeReport(
  name: string,
  figures: unknown,
  markdown: string,
  images: Record<string, RgbaImage> = {},
  dir = REPORTS_DIR
): string[] {
  mkdirSync(dir, { recursive: true })
  const written = [join(dir, `${name}.json`), join(dir, `${name}.md`)]
  writeFileSync(written[0]!, JSON.stringify(figures, null, 2) + '\n')
  writeFileSync(written[1]!, markdown.endsWith('\n') ? markdown : markdown + '\n')
  for (const [file, image] of Object.entries(images)) {
    const path = join(dir, file)
    writeFileSync(path, encodePng(image))
    written.push(path)
  }
  return written
}

/**
 * A grid of equally sized cells, row by row, `gap` px of `background` between them. Cells smaller than the
 * first are placed top-left; a missing cell stays background.
 */
export function imageGrid(
  rows: readonly (readonly (RgbaImage | null)[])[],
  gap = 4,
  background: readonly [number, number, number] = [255, 255, 255]
): RgbaImage {
  const first = rows.flat().find((c): c is RgbaImage => !!c)
  if (!first) throw new Error('imageGrid needs at least one image.')
  const cw = first.width
  const ch = first.height
  const cols = Math.max(...rows.map((r) => r.length))
  const out = createImage(cols * cw + (cols + 1) * gap, rows.length * ch + (rows.length + 1) * gap)
  for (let i = 0; i < out.data.length; i += 4) {
    out.data[i] = background[0]
    out.data[i + 1] = background[1]
    out.data[i + 2] = background[2]
    out.data[i + 3] = 255
  }
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return
      const x0 = gap + c * (cw + gap)
      const y0 = gap + r * (ch + gap)
      for (let y = 0; y < Math.min(ch, cell.height); y++) {
        const from = y * cell.width * 4
        out.data.set(
          cell.data.subarray(from, from + Math.min(cw, cell.width) * 4),
          ((y0 + y) * out.width + x0) * 4
        )
      }
    })
  )
  return out
}

/** A Markdown table from rows of cells. */
export function markdownTable(
  head: readonly string[],
  rows: readonly (readonly unknown[])[]
): string {
  const line = (cells: readonly unknown[]) => `| ${cells.map((c) => String(c ?? '')).join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

/** The 1/5/15-minute load averages, for figures measured on a shared machine. */
export function loadAverage(): string {
  return loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')
}
