/** @module create/errors — what can go wrong when creating a character from a photo, as codes a UI can branch on. */

/** Why creation failed. */
export type CreateErrorCode =
  | 'no-face' // nothing the detector reads as a face
  | 'several-faces' // two or more faces of similar size: which one is meant is a guess
  | 'low-quality' // the face is too small or turned too far for a likeness
  | 'no-model' // the manifest lacks a model this step needs
  | 'wrong-rig' // a model was trained for another rig version or feature layout
  | 'aborted' // the caller's AbortSignal fired
  | 'bad-options' // options that do not fit the model (e.g. refine weights for another graph's terms)

/** A creation failure: `code` for programs, `message` for people (it says what to do). */
export class CreateError extends Error {
  override readonly name = 'CreateError'
  constructor(
    readonly code: CreateErrorCode,
    message: string
  ) {
    super(message)
  }
}
