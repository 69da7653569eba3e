/**
 * @module components/account — optional account: sign in / register, a device account without email, upgrade it,
 * sign out; sync state, and storage (persistent or not, space used).
 */
import { useEffect, useState } from 'preact/hooks'
import { API_LIMITS } from '@facecraft/shared/api'
import {
  currentSignOutSummary,
  signIn,
  signOut,
  signOutEverywhere,
  startAnonymous,
  upgradeAccount,
  type SignInMode,
  type SignOutChoice,
} from '../../lib/account/account.ts'
import { isOfflineError, whenOnline } from '../../lib/account/when-online.ts'
import type { SignOutSummary } from '../../lib/sync/ownership.ts'
import { isPersisted, requestPersistence, storageEstimate } from '../../lib/store/persistence.ts'
import { requestSync } from '../../lib/sync/sync-controller.ts'
import { toast } from '../../lib/app/toast.ts'
import { useSyncStatus, useUser } from '../../lib/sync/use-sync.ts'
import { BackendSettings } from '../backend-settings/index.tsx'
import styles from './style.module.css'

export function AccountScreen() {
  const user = useUser()
  const status = useSyncStatus()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [waiting, setWaiting] = useState<string | null>(null)
  const [leaving, setLeaving] = useState<{ everywhere: boolean; summary: SignOutSummary } | null>(
    null
  )
  const askSignOut = async (everywhere: boolean) => {
    const summary = await currentSignOutSummary()
    if (summary) setLeaving({ everywhere, summary })
  }

  /**
   * Runs an account action. With `offline` (what the action does, e.g. "sign you in"), an attempt without network
   * waits for the network and really runs again, and says so; without it, the offline error is shown as is.
   */
  async function run(action: () => Promise<void>, done: string, offline?: string) {
    setBusy(true)
    setError(null)
    try {
      for (;;) {
        try {
          await action()
          break
        } catch (e) {
          if (!offline || !isOfflineError(e)) throw e
          setWaiting(`You're offline: we'll ${offline} as soon as you're back online.`)
          await whenOnline()
          setWaiting(null)
        }
      }
      toast(done)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setWaiting(null)
      setBusy(false)
    }
  }

  return (
    <section class={styles.account}>
      <h1>Account</h1>
      {user === undefined ? null : user ? (
        <>
          <p data-testid='account-user'>
            {user.anonymous ? 'Device account (no email yet).' : `Signed in as ${user.email}.`}
          </p>
          <p class={styles.muted}>
            Sync: {status.state}
            {status.message ? `: ${status.message}` : ''}
            {status.lastSyncedAt
              ? ` (last ${new Date(status.lastSyncedAt).toLocaleTimeString()})`
              : ''}
          </p>
          <button onClick={() => void requestSync()} disabled={status.state === 'syncing'}>
            Sync now
          </button>
          {user.anonymous && (
            <Credentials
              title='Add an email to keep this account'
              submit='Save account'
              busy={busy}
              onSubmit={(c) => run(() => upgradeAccount(c), 'Account saved', 'save your account')}
            />
          )}
          {leaving ? (
            <SignOutChoiceBox
              everywhere={leaving.everywhere}
              summary={leaving.summary}
              busy={busy}
              onCancel={() => setLeaving(null)}
              onChoose={(choice) =>
                run(
                  () => (leaving.everywhere ? signOutEverywhere(choice) : signOut(choice)),
                  leaving.everywhere ? 'Signed out on every device' : 'Signed out'
                ).then(() => setLeaving(null))
              }
            />
          ) : (
            <>
              <button onClick={() => void askSignOut(false)} disabled={busy}>
                Sign out
              </button>
              <button onClick={() => void askSignOut(true)} disabled={busy}>
                Sign out on all devices
              </button>
            </>
          )}
        </>
      ) : (
        <SignedOut busy={busy} run={run} />
      )}
      {waiting && (
        <p role='status' class={styles.muted}>
          {waiting}
        </p>
      )}
      {error && (
        <p role='alert' class={styles.error}>
          {error}
        </p>
      )}
      <StorageInfo />
      <BackendSettings />
    </section>
  )
}

/** Sign out: keep this account's characters on this device, or remove them (asked every time, never assumed). */
function SignOutChoiceBox(props: {
  everywhere: boolean
  summary: SignOutSummary
  busy: boolean
  onCancel: () => void
  onChoose: (choice: SignOutChoice) => Promise<void>
}) {
  const { count, unsynced } = props.summary
  const them = count === 1 ? 'it' : 'them'
  return (
    <div class={styles.form} role='group' aria-label='Sign out' data-testid='sign-out-choice'>
      <p>
        {count === 0
          ? 'This account has no characters on this device.'
          : `This account has ${count} character${count === 1 ? '' : 's'} on this device. Keep ${them} here (only this account syncs ${them}, when it signs in again), or remove ${them} from this device (${count === 1 ? 'it stays' : 'they stay'} in your account).`}
        {unsynced > 0 &&
          ` ${unsynced} ${unsynced === 1 ? 'has' : 'have'} changes not uploaded yet: removing loses those changes.`}
      </p>
      <button class='primary' disabled={props.busy} onClick={() => void props.onChoose('keep')}>
        {props.everywhere
          ? 'Sign out everywhere, keep on this device'
          : 'Sign out, keep on this device'}
      </button>
      <button disabled={props.busy || count === 0} onClick={() => void props.onChoose('remove')}>
        {props.everywhere
          ? 'Sign out everywhere, remove from this device'
          : 'Sign out, remove from this device'}
      </button>
      <button disabled={props.busy} onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  )
}

function SignedOut(props: {
  busy: boolean
  run: (a: () => Promise<void>, done: string, offline?: string) => Promise<void>
}) {
  const [mode, setMode] = useState<SignInMode>('login')
  return (
    <>
      <p class={styles.muted}>
        Optional: an account keeps your characters on all your devices. Everything works without
        one.
      </p>
      <div class={styles.modes} role='tablist'>
        <button role='tab' aria-selected={mode === 'login'} onClick={() => setMode('login')}>
          Sign in
        </button>
        <button role='tab' aria-selected={mode === 'register'} onClick={() => setMode('register')}>
          Create account
        </button>
      </div>
      <Credentials
        title={mode === 'login' ? 'Sign in' : 'Create an account'}
        submit={mode === 'login' ? 'Sign in' : 'Create account'}
        busy={props.busy}
        onSubmit={(c) =>
          props.run(
            () => signIn(mode, c),
            mode === 'login' ? 'Signed in' : 'Account created',
            mode === 'login' ? 'sign you in' : 'create your account'
          )
        }
      />
      <button
        onClick={() =>
          void props.run(startAnonymous, 'Device account created', 'create your device account')
        }
        disabled={props.busy}
      >
        Sync without an email
      </button>
    </>
  )
}

function Credentials(props: {
  title: string
  submit: string
  busy: boolean
  onSubmit: (c: { email: string; password: string }) => Promise<void>
}) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  return (
    <form
      class={styles.form}
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault()
        void props.onSubmit({ email, password })
      }}
    >
      <label>
        Email
        <input
          type='email'
          required
          autoComplete='email'
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label>
        Password (at least {API_LIMITS.minPasswordLength} characters)
        <input
          type='password'
          required
          minLength={API_LIMITS.minPasswordLength}
          autoComplete='current-password'
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <button class='primary' type='submit' disabled={props.busy}>
        {props.submit}
      </button>
    </form>
  )
}

function StorageInfo() {
  const [info, setInfo] = useState<{ persisted: boolean | null; usage: number | null }>({
    persisted: null,
    usage: null,
  })
  const refresh = async () =>
    setInfo({ persisted: await isPersisted(), usage: (await storageEstimate())?.usage ?? null })
  useEffect(() => void refresh(), [])
  return (
    <div class={styles.storage}>
      <h2>Storage on this device</h2>
      <p class={styles.muted}>
        {info.persisted === true
          ? 'Protected: the browser will not clear your gallery to free space.'
          : 'Not protected: the browser may clear it when space runs low. Export your gallery to be safe.'}
        {info.usage !== null && ` Using ${(info.usage / 1e6).toFixed(1)} MB.`}
      </p>
      {info.persisted !== true && (
        <button onClick={() => void requestPersistence().then(refresh)}>Protect my gallery</button>
      )}
    </div>
  )
}
