import { resetEnv } from '../../app/platform/env.server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getStorage, LocalDiskStorage, S3Storage } from '../../app/platform/storage.server'
import { startObjectStore } from '../support/object-store'

let store: Awaited<ReturnType<typeof startObjectStore>>

beforeAll(async () => {
  store = await startObjectStore()
})

afterAll(async () => {
  for (const name of Object.keys(store.env)) delete process.env[name]
  resetEnv()
  await store.close()
})

describe('photos in an S3-compatible store', () => {
  it('is chosen by S3_BUCKET; without it photos stay on local disk', () => {
    resetEnv()
    expect(getStorage()).toBeInstanceOf(LocalDiskStorage)
    Object.assign(process.env, store.env)
    resetEnv()
    expect(getStorage()).toBeInstanceOf(S3Storage)
  })

  it('stores, reads back, answers null for a missing key, and refuses keys that leave the bucket', async () => {
    Object.assign(process.env, store.env)
    resetEnv()
    const storage = getStorage()
    await storage.put('2026-12/abcdefgh.png', Buffer.from('a photo'))
    expect((await storage.get('2026-12/abcdefgh.png'))?.toString()).toBe('a photo')
    expect(await storage.get('2026-12/missing1.png')).toBeNull()
    await expect(storage.put('../outside.png', Buffer.from('x'))).rejects.toThrow(/Bad storage key/)
  })

  it('sweeps held photos of days before the given one and keeps the rest', async () => {
    Object.assign(process.env, store.env)
    resetEnv()
    const storage = getStorage()
    await storage.put('pending/2026-11-20/a.jpeg', Buffer.from('old'))
    await storage.put('pending/2026-11-20/b.jpeg', Buffer.from('old'))
    await storage.put('pending/2026-11-22/c.jpeg', Buffer.from('yesterday'))
    await storage.put('2026-11/e.jpeg', Buffer.from('a report photo'))
    expect(await storage.sweepDays('pending', '2026-11-22')).toBe(2)
    expect(await storage.get('pending/2026-11-20/a.jpeg')).toBeNull()
    expect(await storage.get('pending/2026-11-22/c.jpeg')).not.toBeNull()
    expect(await storage.get('2026-11/e.jpeg')).not.toBeNull()
    expect(await storage.sweepDays('pending', '2026-11-22')).toBe(0)
  })
})
