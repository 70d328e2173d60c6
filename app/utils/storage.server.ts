import fs from 'node:fs/promises'
import path from 'node:path'
import { getEnv } from '../env.server'

/** Where uploaded files live; local disk now, an object store later behind the same interface. */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>
  get(key: string): Promise<Buffer | null>
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
}

export function getStorage(): Storage {
  return new LocalDiskStorage(path.resolve(getEnv().UPLOAD_DIR))
}
