/** @file `npm start -- --port N` (scripts/start.mjs): the user's --port/--ip replace the defaults, never doubled. */
import { describe, expect, it } from 'vitest'

const START = new URL('../../scripts/start.mjs', import.meta.url).href
const { wranglerArgs, persistDir } = (await import(START)) as {
  wranglerArgs: (args: string[], port?: string) => string[]
  persistDir: (args: string[]) => string
}
const count = (args: string[], name: string) =>
  args.filter((a) => a === name || a.startsWith(`${name}=`)).length

describe('npm start arguments', () => {
  it('uses 127.0.0.1:8787 by default', () => {
    expect(wranglerArgs([], '8787')).toEqual([
      'dev',
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      '8787',
    ])
  })
  it.each([[['--port', '8790']], [['--port=8790']], [['--log-level', 'warn', '--port', '8790']]])(
    'passes %j with one --port (wrangler refuses two)',
    (args) => {
      const out = wranglerArgs(args, '8787')
      expect(count(out, '--port')).toBe(1)
      expect(out.join(' ')).toContain('8790')
      expect(out).not.toContain('8787')
      expect(count(out, '--ip')).toBe(1)
    }
  )
  it('lets --ip replace the default too', () => {
    const out = wranglerArgs(['--ip', '0.0.0.0'], '8787')
    expect(count(out, '--ip')).toBe(1)
    expect(out).toContain('0.0.0.0')
  })
})

describe('npm start state directory (where the local R2 is seeded)', () => {
  it("is wrangler's default .wrangler/state unless the user passes --persist-to", () => {
    expect(persistDir([])).toMatch(/\/\.wrangler\/state$/)
    expect(persistDir(['--persist-to', '/tmp/x'])).toBe('/tmp/x')
    expect(persistDir(['--port', '1', '--persist-to=/tmp/y'])).toBe('/tmp/y')
  })
})
