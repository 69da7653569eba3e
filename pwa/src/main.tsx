/** @file Entry: global styles, the app, sync triggers, photo clean-up. */
import { render } from 'preact'
import './styles/global.css'
import { App } from './app.tsx'
import { prunePhotos } from './lib/store/photos.ts'
import { startSync } from './lib/sync/sync-controller.ts'

render(<App />, document.getElementById('app')!)
startSync()
// Photos of characters deleted elsewhere (sync) or never saved are not kept.
void prunePhotos().catch((error: unknown) => console.warn('photo clean-up failed', error))
