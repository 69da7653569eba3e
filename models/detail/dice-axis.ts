/**
 * Writes the table the editor's dice keeps its random skin detail on the character's own sex's side with
 * (shared/src/rig/v2/dice-detail-axis.json): the released basis's sex axis (detail/sex sexAxis) over the components
 * the dice varies. The rig has no basis at hand (the engine and the creator load it), so it carries these numbers;
 * rig-v2.test.ts checks them against the released basis, so a rebuilt basis without a rewritten table fails there.
 *
 * Usage (repository root, after models/detail/build.ts): npx tsx models/detail/dice-axis.ts
 */
import { readFile, writeFile } from 'node:fs/promises'
import { decodeSkinDetail, sexAxis, SKIN_DETAIL_VERSION } from '@facecraft/shared/detail'

/** The dice's components (rig/v2 RANDOM_DETAIL_COMPONENTS; not imported: the rig imports this script's output). */
const RANDOM_DETAIL_COMPONENTS = 256

const assets = new URL('../../shared/assets/skin-detail/', import.meta.url)
const basis = decodeSkinDetail(
  new Uint8Array(await readFile(new URL(`skin-detail-v${SKIN_DETAIL_VERSION}.bin`, assets)))
)
const axis = sexAxis(basis)
const k = RANDOM_DETAIL_COMPONENTS
const round = (v: number) => Number(v.toPrecision(7))
const table = {
  basis: basis.version,
  components: k,
  along: Array.from(axis.along, round).slice(0, k),
  spread: Array.from(axis.spread, round).slice(0, k),
}
const out = new URL('../../shared/src/rig/v2/dice-detail-axis.json', import.meta.url)
await writeFile(out, JSON.stringify(table) + '\n')
console.log(`${out.pathname}: basis v${table.basis}, ${k} components`)
