/**
 * @module lib/store/open-saved — every saved character enters the app through here (IndexedDB records, drafts, pulled
 * and conflicting server copies, imported galleries, hand-offs): `openCharacter` validates rig v2 and migrates
 * rig v1 to the closest v2 character. What was migrated is counted for the one-time notice ("Updated N
 * characters to the new head"); a v1 record keeps its original JSON (`v1Original`) so nothing is ever lost.
 */
import { migrateV1, openCharacter, type OpenedCharacter } from '@facecraft/shared/rig-v2'
import { COLORS, SLIDERS, STYLES, createCharacter, type Character } from '@facecraft/shared/rig'

/** The settings key holding how many characters were migrated and not yet announced. */
export const MIGRATED_NOTICE_KEY = 'notice.migrated'

/** The one-line notice for `count` migrated characters. */
export function migrationMessage(count: number): string {
  return count === 1
    ? 'Updated 1 character to the new head — open it to check'
    : `Updated ${count} characters to the new head — open them to check`
}

/**
 * Opens a character stored by any version of the app. A v1 character that no longer validates (it never should:
 * the app validated it on save) is still migrated field by field rather than dropped; the caller keeps the original.
 * Throws (RigValidationError, with what to do) for a v2 character that is not valid or a newer rig.
 */
export function openStoredCharacter(input: unknown): OpenedCharacter {
  try {
    return openCharacter(input)
  } catch (error) {
    if ((input as { rig?: unknown } | null)?.rig !== 1) throw error
    return { character: migrateV1(repairV1(input as Partial<Character>)), migratedFrom: 1 }
  }
}

/** The valid parts of a damaged v1 character over v1's defaults (unknown ids and bad values dropped). */
function repairV1(input: Partial<Character>): Character {
  const unit = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1
  const pick = <T>(
    from: Record<string, unknown> | undefined,
    ok: (id: string, v: unknown) => boolean
  ) =>
    Object.fromEntries(Object.entries(from ?? {}).filter(([id, v]) => ok(id, v))) as Record<
      string,
      T
    >
  return createCharacter({
    sliders: pick(input.sliders, (id, v) => SLIDERS.some((s) => s.id === id) && unit(v)),
    colors: pick(input.colors, (id, v) => COLORS.some((c) => c.id === id) && unit(v)),
    styles: pick(input.styles, (id, v) =>
      STYLES.some((s) => s.id === id && s.options.some((o) => o.id === v))
    ),
  })
}

/** A record with a character, migrated when it holds rig v1 (the original kept in `v1Original`). */
export function openRecord<T extends { character: Character; v1Original?: unknown }>(
  record: T
): { record: T & { v1Original?: unknown }; migrated: boolean } {
  const opened = openStoredCharacter(record.character)
  if (opened.migratedFrom !== 1)
    return { record: { ...record, character: opened.character }, migrated: false }
  return {
    record: {
      ...record,
      character: opened.character,
      v1Original: record.v1Original ?? record.character,
    },
    migrated: true,
  }
}
