import { describe, expect, it } from 'vitest'
import { createCharacter, decodeShareCode, encodeShareCode } from '@facecraft/shared/rig'
import { crc32, fromBase64Url, toBase64Url } from '@facecraft/shared/utils'
import {
  DAMAGED_MESSAGE,
  INCOMPLETE_MESSAGE,
  NEWER_MESSAGE,
  shareCodeMessage,
} from './code-problem.ts'

const good = encodeShareCode(createCharacter(), 'Ada')

function withFormat(format: number): string {
  const bytes = fromBase64Url(good.slice(4))!
  bytes[0] = format
  new DataView(bytes.buffer).setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)))
  return `fc1.${toBase64Url(bytes)}`
}

function messageFor(code: string): string {
  try {
    decodeShareCode(code)
  } catch (error) {
    return shareCodeMessage(code, error)
  }
  throw new Error(`${code} decoded`)
}

describe('shareCodeMessage', () => {
  it.each([
    ['a damaged first character (reads as format 129)', 'fc1.g' + good.slice(5), DAMAGED_MESSAGE],
    [
      'a damaged middle',
      good.slice(0, 40) + (good[40] === 'A' ? 'B' : 'A') + good.slice(41),
      DAMAGED_MESSAGE,
    ],
    ['a cut-off code', good.slice(0, 60), INCOMPLETE_MESSAGE],
    ['a newer format, intact', withFormat(2), NEWER_MESSAGE],
    ['junk', 'fc1.damaged', DAMAGED_MESSAGE],
  ])('%s', (_, code, message) => {
    expect(messageFor(code)).toBe(message)
  })
})
