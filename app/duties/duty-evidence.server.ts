import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { message } from '../platform/text'
import {
  MAX_IMAGE_BYTES,
  processImage,
  saveImage,
  uploadedFiles,
  type ProcessedImage,
} from '../reporting/attachment.server'
import { MAX_EVIDENCE, type DutyIntent } from './duty-schema'

/** Room for a duty form with its photos; a larger body gets the plain 413. */
export const EVIDENCE_FORM_MAX_BYTES = 2 * MAX_EVIDENCE * MAX_IMAGE_BYTES + 512 * 1024

export interface EvidencePhotos {
  before: ProcessedImage[]
  after: ProcessedImage[]
}

export type Evidence =
  { ok: true; photos: EvidencePhotos } | { ok: false; errors: Record<string, string[]> }

/**
 * The before/after photos of a progress update or a resolution, read by their content; any
 * problem is a message for its field. Other forms carry no evidence and none is read.
 */
export async function readEvidence(form: FormData, intent: DutyIntent): Promise<Evidence> {
  const photos: EvidencePhotos = { before: [], after: [] }
  if (intent !== 'progress' && intent !== 'resolve') return { ok: true, photos }
  const errors: Record<string, string[]> = {}
  for (const role of ['before', 'after'] as const) {
    const files = uploadedFiles(form.getAll(role))
    if (files.length > MAX_EVIDENCE) {
      errors[role] = [message('validation.tooMany', { max: MAX_EVIDENCE })]
      continue
    }
    for (const file of files) {
      const result = await processImage(file)
      if (result === 'tooLarge') {
        ;(errors[role] ??= []).push(
          message('report.errors.photoTooLarge', {
            name: file.name.slice(0, 60),
            max: MAX_IMAGE_BYTES / 1024 / 1024,
          }),
        )
      } else if (result === 'notImage') {
        ;(errors[role] ??= []).push(
          message('report.errors.photoNotImage', { name: file.name.slice(0, 60) }),
        )
      } else photos[role].push(result)
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, photos }
}

/** Stores the photos and ties them to their progress update, in the caller's transaction. */
export async function saveEvidence(
  trx: Transaction<Database>,
  progressUpdateId: number,
  photos: EvidencePhotos,
) {
  for (const image of photos.before)
    await saveImage(trx, image, { role: 'before', progress_update_id: progressUpdateId })
  for (const image of photos.after)
    await saveImage(trx, image, { role: 'after', progress_update_id: progressUpdateId })
}
