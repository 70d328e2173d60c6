import crypto from 'node:crypto'
import type { Insertable, Kysely, Transaction } from 'kysely'
import sharp from 'sharp'
import type { AttachmentTable, Database } from '../../db/schema'
import { getStorage } from '../platform/storage.server'

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024
export const MAX_IMAGE_EDGE = 1600
const formats = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const
type Mime = (typeof formats)[keyof typeof formats]

export interface ProcessedImage {
  data: Buffer
  mime: Mime
  width: number
  height: number
}

export type ImageProblem = 'tooLarge' | 'notImage'

/**
 * Reads an uploaded photo by its content, not its name or declared type; re-encodes it, which
 * drops EXIF (GPS location included) after applying its orientation, and caps its size.
 */
export async function processImage(file: File): Promise<ProcessedImage | ImageProblem> {
  if (file.size > MAX_IMAGE_BYTES) return 'tooLarge'
  const input = Buffer.from(await file.arrayBuffer())
  try {
    const image = sharp(input, { limitInputPixels: 40_000_000, failOn: 'error' })
    const meta = await image.metadata()
    const format = meta.format as keyof typeof formats | undefined
    if (!format || !(format in formats)) return 'notImage'
    const { data, info } = await image
      .rotate()
      .resize({
        width: MAX_IMAGE_EDGE,
        height: MAX_IMAGE_EDGE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .toFormat(format, { quality: 82 })
      .toBuffer({ resolveWithObject: true })
    return { data, mime: formats[format], width: info.width, height: info.height }
  } catch {
    return 'notImage'
  }
}

/** A file input left empty arrives as an empty, nameless File. */
export function uploadedFiles(values: FormDataEntryValue[]): File[] {
  return values.filter((v): v is File => typeof v !== 'string' && v.size > 0)
}

/** Stores the bytes, then records the attachment in the caller's transaction. */
export async function saveImage(
  trx: Transaction<Database> | Kysely<Database>,
  image: ProcessedImage,
  owner: Pick<Insertable<AttachmentTable>, 'role' | 'report_id' | 'progress_update_id' | 'duty_id'>,
): Promise<string> {
  const ext = image.mime.split('/')[1]
  const key = `${new Date().toISOString().slice(0, 7)}/${crypto.randomBytes(12).toString('base64url')}.${ext}`
  await getStorage().put(key, image.data)
  await trx
    .insertInto('attachments')
    .values({
      storage_key: key,
      mime: image.mime,
      bytes: image.data.length,
      width: image.width,
      height: image.height,
      ...owner,
    })
    .execute()
  return key
}

/** A stored photo that an attachment records; keys are `YYYY-MM/<random>.<ext>` (see saveImage). */
export async function storedPhoto(
  db: Kysely<Database>,
  key: string,
): Promise<{ mime: string; data: Buffer } | null> {
  if (!/^\d{4}-\d{2}\/[\w-]{8,64}\.(jpeg|png|webp)$/.test(key)) return null
  const attachment = await db
    .selectFrom('attachments')
    .select(['mime'])
    .where('storage_key', '=', key)
    .executeTakeFirst()
  if (!attachment) return null
  const data = await getStorage().get(key)
  return data ? { mime: attachment.mime, data } : null
}
