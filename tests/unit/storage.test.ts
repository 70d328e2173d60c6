import { resetEnv } from '../../app/platform/env.server'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sweepHeldPhotos } from '../../app/reporting/held-photos.server'
import { LocalDiskStorage } from '../../app/platform/storage.server'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kaimen-storage-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('local disk storage', () => {
  it('refuses keys that could leave its folder', async () => {
    const storage = new LocalDiskStorage(root)
    await expect(storage.put('../outside.jpeg', Buffer.from('x'))).rejects.toThrow(
      /Bad storage key/,
    )
    await expect(storage.put('a/../../b.jpeg', Buffer.from('x'))).rejects.toThrow(/Bad storage key/)
  })

  it('sweeps held photos older than yesterday and keeps everything else', async () => {
    process.env.UPLOAD_DIR = root
    resetEnv()
    const storage = new LocalDiskStorage(root)
    await storage.put('pending/2026-11-20/a.jpeg', Buffer.from('old'))
    await storage.put('pending/2026-11-20/b.jpeg', Buffer.from('old'))
    await storage.put('pending/2026-11-22/c.jpeg', Buffer.from('yesterday'))
    await storage.put('pending/2026-11-23/d.jpeg', Buffer.from('today'))
    await storage.put('2026-11/e.jpeg', Buffer.from('a report photo'))

    expect(await sweepHeldPhotos(new Date('2026-11-23T10:00:00Z'))).toBe(2)
    expect(await storage.get('pending/2026-11-20/a.jpeg')).toBeNull()
    expect(await storage.get('pending/2026-11-22/c.jpeg')).not.toBeNull()
    expect(await storage.get('pending/2026-11-23/d.jpeg')).not.toBeNull()
    expect(await storage.get('2026-11/e.jpeg')).not.toBeNull()
    expect(await sweepHeldPhotos(new Date('2026-11-23T10:00:00Z'))).toBe(0)
  })
})
