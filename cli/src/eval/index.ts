/** @module cli/eval — the quality suites (`facecraft eval SUITE`). Add a suite by adding its file here. */
import type { Suite } from '../suite.ts'
import { engineEval } from './engine.ts'
import { engine2Eval } from './engine2.ts'

export const EVAL_SUITES: readonly Suite[] = [engineEval, engine2Eval]
