#!/usr/bin/env node
// @file The `facecraft` executable: runs the TypeScript CLI through tsx, so no build step stands between an edit
// and `npx facecraft ...`.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main.ts')
process.exitCode = await main(process.argv.slice(2))
