import { describe, expect, it } from 'vitest'
import { intOption, numberOption, parse } from './args.ts'
import { UsageError } from './command.ts'

describe('numeric options', () => {
  it('returns the fallback when absent and the value when valid', () => {
    expect(intOption(undefined, 'size', 256, 16, 2048)).toBe(256)
    expect(intOption('512', 'size', 256, 16, 2048)).toBe(512)
    expect(numberOption('-12.5', 'yaw', 0, -90, 90)).toBe(-12.5)
  })

  it.each([
    ['', 'empty'],
    ['  ', 'blank'],
    ['abc', 'text'],
    ['1.5', 'fraction'],
    ['4096', 'too big'],
    ['8', 'too small'],
    ['Infinity', 'infinite'],
  ])('rejects %j (%s) for an integer option with a message naming the option', (value) => {
    expect(() => intOption(value, 'size', 256, 16, 2048)).toThrow(UsageError)
    expect(() => intOption(value, 'size', 256, 16, 2048)).toThrow(
      /--size must be an integer from 16 to 2048/
    )
  })

  it('rejects non-finite and out-of-range numbers', () => {
    expect(() => numberOption('NaN', 'yaw', 0, -90, 90)).toThrow(/--yaw must be a number/)
    expect(() => numberOption('91', 'yaw', 0, -90, 90)).toThrow(UsageError)
  })
})

describe('parse', () => {
  it('turns unknown options into a UsageError', () => {
    expect(() => parse(['--nope'], { json: { type: 'boolean' } })).toThrow(UsageError)
    expect(parse(['--json'], { json: { type: 'boolean' } }).values.json).toBe(true)
  })
})
