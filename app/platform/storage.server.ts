import fs from 'node:fs/promises'
import path from 'node:path'
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getEnv } from './env.server'

/**
 * Where uploaded files live: a local folder (one machine), or an S3-compatible bucket that
 * every app server shares (Aliyun OSS, Tencent COS, Huawei OBS, MinIO), chosen by S3_BUCKET.
 */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>
  get(key: string): Promise<Buffer | null>
  /** Removes the day folders `<prefix>/YYYY-MM-DD/` older than `day`; returns how many files went. */
  sweepDays(prefix: string, day: string): Promise<number>
}

function checkKey(key: string): string {
  if (!/^[\w/-]+\.\w+$/.test(key) || key.includes('..')) throw new Error(`Bad storage key ${key}`)
  return key
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    return path.join(this.root, checkKey(key))
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
      if (!DAY.test(name) || name >= day) continue
      removed += (await fs.readdir(path.join(dir, name))).length
      await fs.rm(path.join(dir, name), { recursive: true, force: true })
    }
    return removed
  }
}

export interface S3Settings {
  bucket: string
  endpoint?: string
  region: string
  accessKeyId?: string
  secretAccessKey?: string
}

export class S3Storage implements Storage {
  private readonly client: S3Client

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      // Most S3-compatible stores (and MinIO without DNS) address buckets by path.
      forcePathStyle: true,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
    })
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.settings.bucket, Key: checkKey(key), Body: data }),
    )
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: checkKey(key) }),
      )
      return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
        return null
      throw error
    }
  }

  async sweepDays(prefix: string, day: string): Promise<number> {
    let removed = 0
    let token: string | undefined
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.settings.bucket,
          Prefix: `${prefix}/`,
          ContinuationToken: token,
        }),
      )
      const old = (page.Contents ?? [])
        .map((o) => o.Key!)
        .filter((key) => {
          const folder = key.slice(prefix.length + 1).split('/')[0]!
          return DAY.test(folder) && folder < day
        })
      if (old.length) {
        await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.settings.bucket,
            Delete: { Objects: old.map((Key) => ({ Key })), Quiet: true },
          }),
        )
        removed += old.length
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return removed
  }
}

let shared: { settings: string; storage: Storage } | undefined

/** The storage the environment names: S3_BUCKET set means the shared bucket. */
export function getStorage(): Storage {
  const env = getEnv()
  if (!env.S3_BUCKET) return new LocalDiskStorage(path.resolve(env.UPLOAD_DIR))
  const settings: S3Settings = {
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
  }
  // One client per process (it keeps its connections); a test that changes settings gets a new one.
  const key = JSON.stringify(settings)
  if (shared?.settings !== key) shared = { settings: key, storage: new S3Storage(settings) }
  return shared.storage
}
