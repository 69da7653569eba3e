import { describe, expect, it } from 'vitest'
import { FrameScheduler } from './frame-scheduler.ts'

/** A render whose completion the test controls. */
function controlledRender() {
  const pending: Array<{ request: number; resolve: (v: string) => void }> = []
  const render = (request: number) =>
    new Promise<string>((resolve) => pending.push({ request, resolve }))
  return { pending, render }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('FrameScheduler', () => {
  it('renders at once when idle', async () => {
    const { pending, render } = controlledRender()
    const delivered: number[] = []
    const s = new FrameScheduler(render, (f) => delivered.push(f.request))
    s.request(1)
    expect(pending.map((p) => p.request)).toEqual([1])
    pending[0]!.resolve('one')
    await tick()
    expect(delivered).toEqual([1])
    expect(s.busy).toBe(false)
  })

  it('keeps only the newest request while one renders', async () => {
    const { pending, render } = controlledRender()
    const delivered: number[] = []
    const s = new FrameScheduler(render, (f) => delivered.push(f.request))
    for (let i = 1; i <= 5; i++) s.request(i)
    expect(pending.length).toBe(1)
    pending[0]!.resolve('a')
    await tick()
    expect(pending.map((p) => p.request)).toEqual([1, 5])
    pending[1]!.resolve('b')
    await tick()
    expect(delivered).toEqual([1, 5])
    expect(s.dropped).toBe(3)
  })

  it('reports a failed render and carries on with the next', async () => {
    const errors: unknown[] = []
    const delivered: number[] = []
    let calls = 0
    const s = new FrameScheduler(
      async (r: number) => {
        if (calls++ === 0) throw new Error('boom')
        return r
      },
      (f) => delivered.push(f.result),
      (e) => errors.push(e)
    )
    s.request(1)
    s.request(2)
    await tick()
    await tick()
    expect(errors.length).toBe(1)
    expect(delivered).toEqual([2])
  })

  it('measures from the request of the frame it delivers', async () => {
    let t = 0
    const { pending, render } = controlledRender()
    const times: Array<[number, number]> = []
    const s = new FrameScheduler(
      render,
      (f) => times.push([f.requestedAt, f.doneAt]),
      undefined,
      () => t
    )
    t = 10
    s.request(1)
    t = 20
    s.request(2)
    t = 30
    pending[0]!.resolve('x')
    await tick()
    t = 45
    pending[1]!.resolve('y')
    await tick()
    expect(times).toEqual([
      [10, 30],
      [20, 45],
    ])
  })
})
