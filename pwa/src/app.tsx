/** @module app — the shell: app bar, the screen for the current route, banners, toasts, update prompt. */
import { AccountScreen } from './components/account/index.tsx'
import { AppBar } from './components/app-bar/index.tsx'
import { ConflictBanner } from './components/conflicts/index.tsx'
import { DeviceOnlyPrompt } from './components/device-only/index.tsx'
import { Editor } from './components/editor/index.tsx'
import { Gallery } from './components/gallery/index.tsx'
import { MigrationNotice } from './components/migration-notice/index.tsx'
import { PhotoFlow } from './components/photo-flow/index.tsx'
import { ShareView } from './components/share-view/index.tsx'
import { StorageBanner } from './components/storage-banner/index.tsx'
import { Toasts } from './components/toasts/index.tsx'
import { UpdatePrompt } from './components/update-prompt/index.tsx'
import { useRoute } from './lib/app/router.ts'

export function App() {
  const route = useRoute()
  const edit = /^\/edit\/([A-Za-z0-9_-]{1,64})$/.exec(route.path)
  let screen
  if (route.path === '/new') screen = <Editor key='new' id={null} />
  else if (edit) screen = <Editor key={edit[1]} id={edit[1]!} />
  else if (route.path === '/s' || route.path.startsWith('/s/'))
    screen = <ShareView path={route.path} hash={route.hash} />
  else if (route.path === '/account') screen = <AccountScreen />
  else if (route.path === '/photo') screen = <PhotoFlow />
  else screen = <Gallery />
  return (
    <>
      <AppBar />
      <StorageBanner />
      <MigrationNotice />
      <ConflictBanner />
      <DeviceOnlyPrompt />
      <main>{screen}</main>
      <Toasts />
      <UpdatePrompt />
    </>
  )
}
