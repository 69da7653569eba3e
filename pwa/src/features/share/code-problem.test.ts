import { describe, expect, it } from 'vitest'
import { createCharacter, encodeShareCode } from '@facecraft/shared/rig'
import { createCharacterV2, decodeAnyShareCode, encodeShareCodeV2 } from '@facecraft/shared/rig-v2'
import { crc32, fromBase64Url, toBase64Url } from '@facecraft/shared/utils'
import {
  DAMAGED_MESSAGE,
  INCOMPLETE_MESSAGE,
  NEWER_MESSAGE,
  shareCodeMessage,
} from './code-problem.ts'

const v1 = encodeShareCode(createCharacter(), 'Ada')
const v2 = encodeShareCodeV2(createCharacterV2(), 'Ada')

/** `good` with its format byte set to `format` and a correct checksum (what a newer app would write). */
function withFormat(good: string, format: number): string {
  const bytes = fromBase64Url(good.slice(4))!
  bytes[0] = format
  new DataView(bytes.buffer).setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)))
  return `${good.slice(0, 4)}${toBase64Url(bytes)}`
}

function messageFor(code: string): string {
  try {
    decodeAnyShareCode(code)
  } catch (error) {
    return shareCodeMessage(code, error)
  }
  throw new Error(`${code} decoded`)
}

const flip = (code: string, at: number) =>
  code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1)

describe('shareCodeMessage', () => {
  it.each([
    [
      'fc2: a damaged first character (reads as format 129)',
      'fc2.g' + v2.slice(5),
      DAMAGED_MESSAGE,
    ],
    ['fc2: a damaged middle', flip(v2, 40), DAMAGED_MESSAGE],
    ['fc2: a cut-off code', v2.slice(0, 60), INCOMPLETE_MESSAGE],
    // 3 to 7 are the formats of codes with skin detail on basis v1 to v5 (sessions 30, 31, 33, 34, 35): the newest
    // this app reads is 7
    ['fc2: a newer format, intact', withFormat(v2, 8), NEWER_MESSAGE],
    ['fc1: a damaged first character', 'fc1.g' + v1.slice(5), DAMAGED_MESSAGE],
    ['fc1: a damaged middle', flip(v1, 40), DAMAGED_MESSAGE],
    ['fc1: a cut-off code', v1.slice(0, 60), INCOMPLETE_MESSAGE],
    ['junk', 'fc1.damaged', DAMAGED_MESSAGE],
  ])('%s', (_, code, message) => {
    expect(messageFor(code)).toBe(message)
  })
})
