/**
 * @module test/harness/a11y — axe-core (the exact-pinned dev dependency, never a download) run inside a page:
 * the serious and critical violations of what is on screen now.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8'
)

/** One violation: the rule, its impact and where (CSS selectors of the first few offending nodes). */
export interface A11yViolation {
  id: string
  impact: string
  help: string
  targets: string[]
}

/** Runs axe on the page as it is now (WCAG 2.x A/AA rules and best practices); only serious and critical. */
export async function seriousViolations(page: Page): Promise<A11yViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) {
    // Evaluated over the DevTools protocol, not as a <script>: the app's CSP (script-src 'self') refuses inline
    // scripts, as it should.
    await page.evaluate(AXE_SOURCE)
  }
  // Plain JS source: this package has no DOM types, and tsx's helpers do not exist in the page.
  return page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => String(n.target)),
      })))`) as Promise<A11yViolation[]>
}
