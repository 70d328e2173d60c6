import crypto from 'node:crypto'
import sharp from 'sharp'
import { getStorage } from '../platform/storage.server'
import { message } from '../platform/text'
import { processImage, type ProcessedImage } from './attachment.server'
import { HELD_PHOTO_KEY, MAX_PHOTO_BYTES, MAX_PHOTOS } from './report-schema'

/**
 * A browser cannot keep a chosen file across a page load, so photos the reporter chose in a
 * submit that came back (errors, similar reports) are held on the server under `pending/` and
 * return with the next submit as `heldPhoto` keys.
 */

const heldMimes: Record<string, ProcessedImage['mime'] | undefined> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}

/** The `heldPhoto` values a form sent that can be held keys at all. */
export function heldPhotoKeys(values: FormDataEntryValue[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && HELD_PHOTO_KEY.test(v))
}

export interface CollectedPhotos {
  /** Every acceptable photo: the ones held from an earlier submit first, then the new ones. */
  images: ProcessedImage[]
  heldKeys: string[]
  fresh: ProcessedImage[]
  errors: string[]
}

/** Photos are read by their content (see processImage), the held ones as well as the new. */
export async function collectPhotos(heldKeys: string[], files: File[]): Promise<CollectedPhotos> {
  const storage = getStorage()
  const found: string[] = []
  const images: ProcessedImage[] = []
  const errors: string[] = []
  for (const key of Array.from(new Set(heldKeys)).slice(0, MAX_PHOTOS)) {
    const stored = await storage.get(key)
    if (!stored) continue
    const meta = await sharp(stored)
      .metadata()
      .catch(() => null)
    if (!meta) continue
    const mime = heldMimes[meta.format ?? '']
    if (!mime || !meta.width || !meta.height) continue
    found.push(key)
    images.push({
      data: stored,
      mime,
      width: meta.width,
      height: meta.height,
    })
  }
  const fresh: ProcessedImage[] = []
  for (const file of files) {
    const result = await processImage(file)
    if (result === 'tooLarge')
      errors.push(
        message('report.errors.photoTooLarge', {
          name: file.name,
          max: MAX_PHOTO_BYTES / 1024 / 1024,
        }),
      )
    else if (result === 'notImage')
      errors.push(message('report.errors.photoNotImage', { name: file.name }))
    else fresh.push(result)
  }
  images.push(...fresh)
  if (images.length > MAX_PHOTOS) errors.push(message('validation.tooMany', { max: MAX_PHOTOS }))
  return { images, heldKeys: found, fresh, errors }
}

/** Keeps accepted photos while the form goes back to the reporter; returns every held key. */
export async function holdPhotos(photos: CollectedPhotos): Promise<string[]> {
  const storage = getStorage()
  const keys = [...photos.heldKeys]
  const day = new Date().toISOString().slice(0, 10)
  for (const image of photos.fresh.slice(0, MAX_PHOTOS - keys.length)) {
    const key = `pending/${day}/${crypto.randomBytes(12).toString('base64url')}.${image.mime.split('/')[1]}`
    await storage.put(key, image.data)
    keys.push(key)
  }
  return keys
}

/**
 * Photos held for a form that came back and was never sent again are removed after a day:
 * today's and yesterday's folders stay.
 */
export function sweepHeldPhotos(now: Date = new Date()): Promise<number> {
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10)
  return getStorage().sweepDays('pending', yesterday)
}
