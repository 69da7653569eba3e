/** @module api/test/client — small helpers for the HTTP suite against the running Worker. */
import { inject } from 'vitest'
import { randomPlausibleCharacter } from '@facecraft/shared/rig-v2'
import type { SessionResponse } from '@facecraft/shared/api'

export const BASE = inject('apiUrl')
let counter = 0
/** A unique suffix per call (tests share one KV, so keys must not collide). */
export const unique = (p = 'x') => `${p}-${Date.now().toString(36)}-${(counter++).toString(36)}`

/** fetch against the Worker; a plain object body is sent as JSON. */
export async function call(
  path: string,
  init: Omit<RequestInit, 'body'> & { body?: unknown; token?: string } = {}
): Promise<Response> {
  const headers = new Headers(init.headers)
  let body = init.body as BodyInit | undefined
  if (init.body !== undefined && typeof init.body !== 'string') {
    body = JSON.stringify(init.body)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  }
  if (init.token) headers.set('authorization', `Bearer ${init.token}`)
  return fetch(BASE + path, { ...init, headers, body })
}

/** Reads a JSON body (any type; tests assert on it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const json = async (res: Response): Promise<any> => res.json()

export const PASSWORD = 'correct horse battery'

/** Registers a fresh account. */
export async function register(email = `${unique('u')}@example.com`): Promise<SessionResponse> {
  const res = await call('/v1/auth/register', {
    method: 'POST',
    body: { email, password: PASSWORD },
  })
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`)
  return res.json() as Promise<SessionResponse>
}

/** A fresh anonymous device account. */
export async function anonymous(): Promise<SessionResponse> {
  const res = await call('/v1/auth/anonymous', { method: 'POST' })
  if (res.status !== 201) throw new Error(`anonymous failed: ${res.status} ${await res.text()}`)
  return res.json() as Promise<SessionResponse>
}

/** Creates a character; returns the record. */
export async function createCharacter(token: string, id = unique('c'), seed = 1) {
  const res = await call(`/v1/characters/${id}`, {
    method: 'PUT',
    token,
    body: { name: `Char ${seed}`, character: randomPlausibleCharacter(seed) },
  })
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`)
  return json(res)
}
