/**
 * @file Which hair styles have a fringe over the forehead (create/hair.ts FRINGE_STYLES): each plausible character
 * (rig v2 prior, seeds below) is rendered once per hair style as `eval likeness` renders it (512 px, studio backdrop)
 * and read back by CharacterCreator like a photo; printed is the share of hair the forehead band above the inner
 * brows reads (hair-mask.ts MASK_BOXES.forehead), per style and seed. Usage: npx tsx cli/scripts/fringe-styles.ts
 * [SEED...] (default 3 5 8)
 */
import { CharacterCreator } from '@facecraft/shared/create'
import { randomPlausibleCharacter, STYLES_V2 } from '@facecraft/shared/rig-v2'
import { nodeModelSource } from '../src/commands/detect.ts'
import { renderFront } from '../src/commands/create-render.ts'

const seeds = process.argv.slice(2).map(Number)
if (seeds.length === 0) seeds.push(3, 5, 8)
const creator = await CharacterCreator.createFromOptions({ models: await nodeModelSource() })
const styles = STYLES_V2.find((s) => s.id === 'hair.style')!.options.map((o) => o.id)
console.log(['style', ...seeds.map((s) => `seed ${s}`)].join('\t'))
for (const style of styles) {
  const row: string[] = [style.padEnd(14)]
  for (const seed of seeds) {
    const c = randomPlausibleCharacter(seed)
    c.styles['hair.style'] = style
    const read = await creator.create(renderFront(c, 512))
    row.push(read.hair?.forehead == null ? '-' : read.hair.forehead.toFixed(3))
  }
  console.log(row.join('\t'))
}
creator.close()
