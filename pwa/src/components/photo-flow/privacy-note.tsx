/** @module components/photo-flow/privacy-note — where the photo goes (nowhere): said before the player picks one. */
import styles from './style.module.css'

export function PrivacyNote() {
  return (
    <details class={styles.privacy} data-testid='privacy-note'>
      <summary>Your photo stays on this phone</summary>
      <p>
        The face models run here: the photo is never uploaded, synced to your account, shared or put
        in backups. It is kept on this device with the character made from it (to compare and
        refine), deleted with that character, and you can remove it any time in the editor (the
        character stays).
      </p>
    </details>
  )
}
