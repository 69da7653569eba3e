/** @module cli/commands — the command registry, in help order. Add a command by adding its file here. */
import type { Command } from '../command.ts'
import { benchCommand, evalCommand } from './suites.ts'
import { rigCommand } from './rig.ts'
import { detectCommand } from './detect.ts'
import { renderCommand } from './render.ts'
import { createCommand } from './create.ts'

export const COMMANDS: readonly Command[] = [
  rigCommand,
  renderCommand,
  detectCommand,
  createCommand,
  evalCommand,
  benchCommand,
]
