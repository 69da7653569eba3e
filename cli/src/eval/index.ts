/** @module cli/eval — the quality suites (`facecraft eval SUITE`). Add a suite by adding its file here. */
import type { Suite } from '../suite.ts'

export const EVAL_SUITES: readonly Suite[] = []
