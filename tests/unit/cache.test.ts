import { resetEnv } from '../../app/platform/env.server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cached, forgetCached } from '../../app/platform/cache.server'

describe('the in-process cache', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.stubEnv('CACHE_SECONDS', '10')
    resetEnv()
    forgetCached()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllEnvs()
    resetEnv()
  })

  it('loads a key once however many ask at the same time', async () => {
    let loads = 0
    const load = async () => ++loads
    const values = await Promise.all([cached('k', load), cached('k', load), cached('k', load)])
    expect(values).toEqual([1, 1, 1])
    expect(loads).toBe(1)
  })

  it('serves an expired value while one fresh load runs, then the fresh one', async () => {
    let loads = 0
    // A slow load: a second passes before the database answers.
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 1000))
    const first = cached('k', load)
    await vi.advanceTimersByTimeAsync(1000)
    expect(await first).toBe(1)
    vi.advanceTimersByTime(11_000)
    expect(await cached('k', load)).toBe(1)
    expect(await cached('k', load)).toBe(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(loads).toBe(2)
    expect(await cached('k', load)).toBe(2)
  })

  it('keeps no failed load, and loads every time when caching is off', async () => {
    let loads = 0
    const failing = async () => {
      loads++
      throw new Error('database down')
    }
    await expect(cached('bad', failing)).rejects.toThrow('database down')
    await expect(cached('bad', failing)).rejects.toThrow('database down')
    expect(loads).toBe(2)
    vi.stubEnv('CACHE_SECONDS', '0')
    resetEnv()
    let plain = 0
    await cached('off', async () => ++plain)
    await cached('off', async () => ++plain)
    expect(plain).toBe(2)
  })

  it('keeps at most 2000 keys, so arbitrary filters cannot fill the memory', async () => {
    let loads = 0
    for (let i = 0; i < 2500; i++) await cached(`q:${i}`, async () => ++loads)
    expect(loads).toBe(2500)
    await cached('q:2499', async () => ++loads)
    expect(loads).toBe(2500)
    await cached('q:0', async () => ++loads)
    expect(loads).toBe(2501)
  })
})
