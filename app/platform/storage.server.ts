import fs from 'node:fs/promises'
import path from 'node:path'
import { getEnv } from './env.server'

/** Where uploaded files live; local disk now, an object store later behind the same interface. */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>
  get(key: string): Promise<Buffer | null>
  /** Removes the day folders `<prefix>/YYYY-MM-DD/` older than `day`; returns how many files went. */
  sweepDays(prefix: string, day: string): Promise<number>
}

export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[\w/-]+\.\w+$/.test(key) || key.includes('..')) throw new Error(`Bad storage key ${key}`)
    return path.join(this.root, key)
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.file(key)
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(file, data)
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.file(key))
    } catch {
      return null
    }
  }

  async sweepDays(prefix: string, day: string): Promise<number> {
    const dir = path.join(this.root, prefix)
    let removed = 0
    for (const name of await fs.readdir(dir).catch(() => [])) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(name) || name >= day) continue
      removed += (await fs.readdir(path.join(dir, name))).length
      await fs.rm(path.join(dir, name), { recursive: true, force: true })
    }
    return removed
  }
}

export function getStorage(): Storage {
  return new LocalDiskStorage(path.resolve(getEnv().UPLOAD_DIR))
}
