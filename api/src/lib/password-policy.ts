/**
 * @module lib/password-policy — refuses passwords that guessing lists try first: the shipped breached-password list
 * (lib/common-passwords.ts, generated from zxcvbn's ranked list), also with digits or symbols stuck around it
 * ('Monkey2024!'), one listed word repeated ('qwertyqwerty') and one character repeated. Compared lower-case, NFC.
 */
import { COMMON_PASSWORDS_TEXT } from './common-passwords.ts'

let common: Set<string> | null = null
/** The list as a set, built on first use (once per isolate). */
function commonSet(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'))
  return common
}

/** Digits and keyboard symbols people put before or after a word to pass composition rules. */
const AFFIX = /^[\d\W_]*(.*?)[\d\W_]*$/u

/** True when `password` is one of the common breached passwords or a trivial variation of one. */
export function isCommonPassword(password: string): boolean {
  const p = password.normalize('NFC').toLowerCase()
  const set = commonSet()
  if (set.has(p)) return true
  const core = AFFIX.exec(p)?.[1] ?? p
  if (core.length >= 4 && set.has(core)) return true
  if (core.length === 0) return set.has(p.replace(/\W+$/u, '')) || /^(.)\1*$/u.test(p)
  // One unit repeated: 'aaaaaaaaaa', 'abcabcabcabc', 'qwertyqwerty'.
  const repeated = /^(.+?)\1+$/u.exec(core)
  return repeated !== null && (repeated[1]!.length < 4 || set.has(repeated[1]!))
}

/** The message for a refused password: says why and what works. */
export const COMMON_PASSWORD_MESSAGE =
  'This password is on lists of the most common breached passwords, which attackers try first; choose another (three or four unrelated words work well).'
