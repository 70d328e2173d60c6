import crypto from 'node:crypto'
import type { Insertable, Kysely, Transaction } from 'kysely'
import sharp from 'sharp'
import type { AttachmentTable, Database } from '../../db/schema'
import { getStorage } from '../platform/storage.server'

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024
export const MAX_IMAGE_EDGE = 1600
/**
 * The most pixels a photo may have: a 24-megapixel camera's (6000 × 4000). A decoded image
 * costs 3–4 bytes a pixel however small its file, so this bounds one photo's memory (~100 MB).
 */
export const MAX_IMAGE_PIXELS = 24_000_000
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
    // The header alone tells the size: an image over the limit is refused before it is decoded.
    const meta = await sharp(input, { limitInputPixels: false }).metadata()
    if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_IMAGE_PIXELS) return 'tooLarge'
    const image = sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
    const format = meta.format as keyof typeof formats | undefined
    if (!format || !(format in formats)) return 'notImage'
    return await oneAtATime(() => reencode(image, format))
  } catch {
    return 'notImage'
  }
}

// The server decodes one photo at a time, so many large uploads at once cannot add up their
// memory; libvips' operation cache would keep decoded images around after the answer.
sharp.cache(false)
let queue: Promise<unknown> = Promise.resolve()
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const turn = queue.then(work, work)
  queue = turn.catch(() => undefined)
  return turn
}

async function reencode(image: sharp.Sharp, format: keyof typeof formats): Promise<ProcessedImage> {
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
