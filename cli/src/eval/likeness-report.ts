/**
 * @module cli/eval/likeness-report — the Markdown page and plots of `eval likeness --report NAME`. The plot is the
 * standard retrieval curve (CMC): for each rank r, the share of people whose own held-out photo ranks <= r, one
 * line per method, one panel per independent recogniser (no text in the PNG: the page carries axes and legend).
 */
import { drawLine, type Rgb } from '@facecraft/shared/face'
import { createImage, type RgbaImage } from '@facecraft/shared/image'
import type { PersonFigures } from './likeness.ts'
import { markdownTable } from './report.ts'

/** Line colour per method, in registry order (named in the page's legend). */
export const METHOD_COLOURS: Record<string, [Rgb, string]> = {
  random: [[150, 150, 150], 'grey'],
  mean: [[40, 90, 220], 'blue'],
  translator: [[230, 120, 20], 'orange'],
  refined: [[30, 160, 60], 'green'],
  iterative: [[200, 40, 40], 'red'],
}
const OTHER: [Rgb, string] = [[120, 60, 160], 'purple']

const W = 360
const H = 240
const PAD = 24

/** One CMC panel per independent recogniser (INDEPENDENT order, left to right), x = rank on a log axis. */
export function rankPlots(name: string, rows: readonly PersonFigures[]): Record<string, RgbaImage> {
  const maxRank = Math.max(2, ...rows.flatMap((r) => r.ranks))
  const methods = [...new Set(rows.map((r) => r.method))]
  const panels = Math.max(1, ...rows.map((r) => r.ranks.length))
  const img = createImage(panels * W, H)
  img.data.fill(255)
  const x = (panel: number, rank: number) =>
    panel * W + PAD + ((W - 2 * PAD) * Math.log(rank)) / Math.log(maxRank)
  const y = (share: number) => H - PAD - (H - 2 * PAD) * share
  for (let panel = 0; panel < panels; panel++) {
    const grid: Rgb = [225, 225, 225]
    for (const s of [0.25, 0.5, 0.75, 1])
      drawLine(img, x(panel, 1), y(s), x(panel, maxRank), y(s), grid)
    for (const r of [5, 10, 50])
      if (r < maxRank) drawLine(img, x(panel, r), y(0), x(panel, r), y(1), grid)
    drawLine(img, x(panel, 1), y(0), x(panel, maxRank), y(0), [0, 0, 0])
    drawLine(img, x(panel, 1), y(0), x(panel, 1), y(1), [0, 0, 0])
    // Chance: share r / maxRank at rank r.
    let prev: [number, number] | null = null
    for (let r = 1; r <= maxRank; r++) {
      const p: [number, number] = [x(panel, r), y(r / maxRank)]
      if (prev) drawLine(img, prev[0], prev[1], p[0], p[1], [235, 200, 200])
      prev = p
    }
    for (const m of methods) {
      const ranks = rows.filter((r) => r.method === m).map((r) => r.ranks[panel]!)
      const colour = (METHOD_COLOURS[m] ?? OTHER)[0]
      let last: [number, number] | null = null
      for (let r = 1; r <= maxRank; r++) {
        const p: [number, number] = [
          x(panel, r),
          y(ranks.filter((v) => v <= r).length / ranks.length),
        ]
        if (last) drawLine(img, last[0], last[1], p[0], p[1], colour, 2)
        last = p
      }
    }
  }
  return { [`${name}-cmc.png`]: img }
}

/** What a near camera did to the synthetic targets (`--distance`); nothing to say from the portrait's 100 cm. */
function nearView(distance: number | undefined): string {
  return distance !== undefined && distance !== 100
    ? `\nSeen from ${distance} cm through a phone front camera's lens there (\`--distance\`), that lens given to create; the created characters are compared from the portrait's view.\n`
    : ''
}

/** The report page. */
export function likenessMarkdown(
  name: string,
  engine: string,
  out: {
    synthetic: Record<string, Record<string, number | null>>
    synthetic_distance_cm?: number
    photos: Record<string, Record<string, number | null>>
    photos_ci95?: Record<string, Record<string, readonly [number, number] | null>>
    by_group: Record<string, Record<string, Record<string, Record<string, number | null>>>>
    methods: string[]
    skipped: Record<string, string>
    unusable_photos?: readonly { file: string; reason: string }[]
    photo_set: string
    seconds: number | null
    load: string
  },
  rows: readonly PersonFigures[]
): string {
  const table = (figures: Record<string, Record<string, number | null>>) => {
    const keys = Object.keys(Object.values(figures)[0] ?? {})
    return markdownTable(
      ['method', ...keys],
      Object.entries(figures).map(([m, f]) => [m, ...keys.map((k) => f[k])])
    )
  }
  const groups = Object.entries(out.by_group).flatMap(([method, byKey]) =>
    Object.entries(byKey).flatMap(([key, values]) =>
      Object.entries(values).map(([value, f]) => [
        method,
        `${key}=${value}`,
        f.retrieval_top1,
        f.retrieval_top5,
        f.id_cos,
        f.id_margin,
        f.skin_delta_e,
        f.gender_agree,
        f.n,
      ])
    )
  )
  const ci = Object.entries(out.photos_ci95 ?? {})
  const ciKeys = Object.keys(ci[0]?.[1] ?? {})
  const intervals = ci.length
    ? `\n95% intervals of the mean over people (percentile bootstrap; \`eval compare\` tells two reports apart on the same people):\n\n${markdownTable(
        ['method', ...ciKeys],
        ci.map(([m, f]) => [m, ...ciKeys.map((k) => (f[k] ? `${f[k]![0]}-${f[k]![1]}` : null))])
      )}\n`
    : ''
  const legend = out.methods.map((m) => `${m} ${(METHOD_COLOURS[m] ?? OTHER)[1]}`).join(', ')
  const skipped = Object.entries(out.skipped)
    .map(([m, why]) => `- ${m}: ${why}`)
    .join('\n')
  const unusable = (out.unusable_photos ?? []).map((u) => `- ${u.reason}`).join('\n')
  return `# ${name}: \`facecraft eval likeness\` on ${engine}

Protocol and meaning of every key: docs/likeness.md. Photo set: ${out.photo_set}; ${rows.length / Math.max(1, out.methods.length)} people;
${out.seconds} s; load average ${out.load}.

## Synthetic (held-out engine renders of known parameters)
${nearView(out.synthetic_distance_cm)}
${table(out.synthetic)}

## Photos (identity figures: FaceRes, the independent recogniser)

${table(out.photos)}
${intervals}
![retrieval curves](${name}-cmc.png)

Share of people whose own held-out photo ranks within the top r (x: rank r, log scale, 1 to the gallery size;
grid at r = 5, 10, 50 and shares 0.25-1), by FaceRes; ${legend}; chance in pink.

![people](${name}-grid.png)

The first 12 people of the run, one per row: the photo the character is made from | ${out.methods.join(' | ')} |
the held-out photo that is ranked. London photos: DeBruine & Jones (2017) _Face Research Lab London Set_, CC BY
4.0, doi:10.6084/m9.figshare.5047666.v5.

## By group

${markdownTable(['method', 'group', 'retrieval_top1', 'retrieval_top5', 'id_cos', 'id_margin', 'skin_delta_e', 'gender_agree', 'n'], groups)}
${skipped ? `\n## Not measured in this run\n\n${skipped}\n` : ''}${unusable ? `\n## Photos left out\n\n${unusable}\n` : ''}`
}
