import { afterEach, describe, expect, it, vi } from 'vitest'
import { UsageError } from '../command.ts'
import type { Suite, SuiteOptions } from '../suite.ts'
import { suiteCommand, unionOptions } from './suites.ts'

/** Two suites that record what they were run with. */
function suites(calls: SuiteOptions[]): Suite[] {
  return [
    { name: 'plain', summary: 'no flags', run: async (o) => (calls.push(o), { ok: 1 }) },
    {
      name: 'photos',
      summary: 'takes flags',
      flags: {
        photos: { type: 'string', value: 'DIR', description: 'a folder of photos' },
        all: { type: 'boolean', description: 'every photo' },
      },
      run: async (o) => (calls.push(o), { n: 2 }),
    },
  ]
}

describe('suite commands with per-suite flags', () => {
  afterEach(() => vi.restoreAllMocks())

  it('passes a suite its own flags, before or after its name, and prints the JSON line last', async () => {
    const calls: SuiteOptions[] = []
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const cmd = suiteCommand('eval', suites(calls), 'test')
    expect(await cmd.run(['--photos', 'some/dir', 'photos', '--json', '--all'])).toBe(0)
    expect(calls[0]).toEqual({ quick: false, json: true, args: { photos: 'some/dir', all: true } })
    expect(log.mock.calls.at(-1)![0]).toBe('{"n":2}')
    await cmd.run(['plain', '--quick'])
    expect(calls[1]).toEqual({ quick: true, json: false, args: {} })
  })

  it('rejects a flag the chosen suite does not declare, naming what it takes', async () => {
    const cmd = suiteCommand('eval', suites([]), 'test')
    await expect(cmd.run(['plain', '--photos', 'x'])).rejects.toThrow(UsageError)
    await expect(cmd.run(['plain', '--photos', 'x'])).rejects.toThrow(
      /takes only --quick and --json/
    )
    await expect(cmd.run(['photos', '--engine', '2'])).rejects.toThrow(/--photos DIR/)
    await expect(cmd.run(['photos', '--photos'])).rejects.toThrow(/argument missing/)
  })

  it('reports unknown suites, a missing name and two names', async () => {
    const cmd = suiteCommand('bench', suites([]), 'test')
    await expect(cmd.run([])).rejects.toThrow(/name a suite/)
    await expect(cmd.run(['nope'])).rejects.toThrow(/choose one of: plain, photos/)
    await expect(cmd.run(['plain', 'photos'])).rejects.toThrow(/one suite at a time/)
  })

  it('lists each suite with its flags in the usage', () => {
    const cmd = suiteCommand('eval', suites([]), 'test')
    expect(cmd.usage).toMatch(/photos +takes flags\n +--photos DIR +a folder of photos/)
  })

  it('refuses two suites declaring one flag with different types', () => {
    const a: Suite = {
      name: 'a',
      summary: '',
      flags: { n: { type: 'string', description: '' } },
      run: async () => ({}),
    }
    const b: Suite = {
      name: 'b',
      summary: '',
      flags: { n: { type: 'boolean', description: '' } },
      run: async () => ({}),
    }
    expect(() => unionOptions([a, b])).toThrow(/--n is declared as both string and boolean/)
  })
})
