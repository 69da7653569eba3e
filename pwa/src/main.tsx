/** @file Entry: global styles, the app, sync triggers. */
import { render } from 'preact'
import './styles/global.css'
import { App } from './app.tsx'
import { startSync } from './lib/sync/sync-controller.ts'

render(<App />, document.getElementById('app')!)
startSync()
