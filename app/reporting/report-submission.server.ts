import crypto from 'node:crypto'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import sharp from 'sharp'
import type { ReportKind, ReportStatus } from '../../db/schema'
import { HONEYPOT_FIELD } from '../ui/forms'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { localeFromRequest, translator } from '../platform/i18n'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { clientAddress, consume } from '../platform/rate-limit.server'
import { getStorage } from '../platform/storage.server'
import { message } from '../platform/validation'
import { processImage, uploadedFiles, type ProcessedImage } from './attachment.server'
import { HELD_PHOTO_KEY, MAX_PHOTO_BYTES, MAX_PHOTOS, reportSchema } from './report-schema'
import {
  createReport,
  findReportByIdempotencyKey,
  findSimilarReports,
  reportFormOptions,
  type SimilarReport,
} from './report.server'

/**
 * The request side of the report form, shared by /report/concern and /report/demand: the
 * routes stay thin and differ only by their kind.
 */

/** Three full-size photos and the text fields; anything bigger is refused before it is read. */
export const MAX_REPORT_BODY_BYTES = MAX_PHOTOS * MAX_PHOTO_BYTES + 512 * 1024

export interface SimilarItem {
  id: number
  title: string
  status: ReportStatus
  createdAt: string
}

export function similarItems(reports: SimilarReport[]): SimilarItem[] {
  return reports.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }))
}

export async function reportFormLoader(request: Request, kind: ReportKind) {
  const db = await getDb()
  return {
    kind,
    options: await reportFormOptions(db, kind, localeFromRequest(request)),
    // Rendered into the form: a repeated submit of this very form files one report, not two.
    idempotencyKey: crypto.randomBytes(18).toString('base64url'),
  }
}

async function readReportForm(request: Request, t: ReturnType<typeof translator>) {
  try {
    return await readForm(request, MAX_REPORT_BODY_BYTES)
  } catch (error) {
    if (error instanceof Response && error.status === 413)
      throw new Response(t('report.errors.bodyTooLarge', { max: MAX_PHOTO_BYTES / 1024 / 1024 }), {
        status: 413,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      })
    throw error
  }
}

const heldMimes: Record<string, ProcessedImage['mime'] | undefined> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}

interface CollectedPhotos {
  /** Every acceptable photo: the ones held from an earlier submit first, then the new ones. */
  images: ProcessedImage[]
  heldKeys: string[]
  fresh: ProcessedImage[]
  errors: string[]
}

/**
 * Photos are read by their content (see processImage). Ones the reporter chose in an earlier
 * submit of this form were held on the server (a browser cannot keep a chosen file across a
 * page load) and come back as `heldPhoto` keys.
 */
async function collectPhotos(formData: FormData): Promise<CollectedPhotos> {
  const storage = getStorage()
  const heldKeys: string[] = []
  const images: ProcessedImage[] = []
  const errors: string[] = []
  const keys = new Set(
    formData
      .getAll('heldPhoto')
      .filter((v): v is string => typeof v === 'string' && HELD_PHOTO_KEY.test(v)),
  )
  for (const key of Array.from(keys).slice(0, MAX_PHOTOS)) {
    const stored = await storage.get(key)
    if (!stored) continue
    const meta = await sharp(stored)
      .metadata()
      .catch(() => null)
    if (!meta) continue
    const mime = heldMimes[meta.format ?? '']
    if (!mime || !meta.width || !meta.height) continue
    heldKeys.push(key)
    images.push({
      data: stored,
      mime,
      width: meta.width,
      height: meta.height,
    })
  }
  const fresh: ProcessedImage[] = []
  for (const file of uploadedFiles(formData.getAll('photos'))) {
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
  return { images, heldKeys, fresh, errors }
}

/** Keeps accepted photos while the form goes back to the reporter; returns every held key. */
async function holdPhotos(photos: CollectedPhotos): Promise<string[]> {
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

function submittedHeldKeys(formData: FormData): string[] {
  return formData
    .getAll('heldPhoto')
    .filter((v): v is string => typeof v === 'string' && HELD_PHOTO_KEY.test(v))
    .slice(0, MAX_PHOTOS)
}

export async function reportFormAction(request: Request, kind: ReportKind) {
  const env = getEnv()
  requireSameOrigin(request, env.PUBLIC_URL)
  const locale = localeFromRequest(request)
  const t = translator(locale)
  const formData = await readReportForm(request, t)
  if (formData.get(HONEYPOT_FIELD)) {
    throw new Response(t('report.errors.bot'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }

  const db = await getDb()
  const schema = reportSchema(kind, await reportFormOptions(db, kind, locale))
  const submission = parseWithZod(formData, { schema })
  const reply = (
    options: Parameters<typeof submission.reply>[0],
    extra: { similar?: SimilarItem[]; held: string[] },
    status: number,
    headers?: HeadersInit,
  ) =>
    data(
      { result: submission.reply(options), similar: extra.similar ?? [], held: extra.held },
      { status, headers },
    )

  // A conform intent, not a submit: without JavaScript, "show the communities of this street".
  if (submission.status === undefined) return reply({}, { held: submittedHeldKeys(formData) }, 200)

  const key = formData.get('idempotencyKey')
  if (typeof key === 'string' && key) {
    const existing = await findReportByIdempotencyKey(db, key)
    if (existing) return redirect(`/report/received/${existing.followToken}`)
  }

  const tooMany = (retryAfter: number, held: string[]) =>
    reply(
      { formErrors: [message('report.errors.tooMany', { minutes: Math.ceil(retryAfter / 60) })] },
      { held },
      429,
      { 'Retry-After': String(retryAfter) },
    )

  const byAddress = await consume('reportByIp', clientAddress(request))
  if (!byAddress.ok) return tooMany(byAddress.retryAfter, submittedHeldKeys(formData))

  const photos = await collectPhotos(formData)
  if (submission.status !== 'success' || photos.errors.length) {
    const zodErrors = submission.status === 'error' ? submission.error?.photos : null
    const photoErrors = [...(zodErrors ?? []), ...photos.errors]
    return reply(
      photoErrors.length ? { fieldErrors: { photos: photoErrors } } : {},
      { held: await holdPhotos(photos) },
      400,
    )
  }
  const value = submission.value

  if (value.confirmNew !== 'yes') {
    const similar = await findSimilarReports(db, {
      categoryId: value.category,
      streetId: value.street,
      title: value.title,
      body: value.body,
    })
    if (similar.length)
      return reply({}, { similar: similarItems(similar), held: await holdPhotos(photos) }, 200)
  }

  for (const contact of [value.mobile, value.email]) {
    if (!contact) continue
    const byContact = await consume('reportByContact', contact)
    if (!byContact.ok) return tooMany(byContact.retryAfter, await holdPhotos(photos))
  }

  const report = await createReport(
    db,
    {
      kind,
      categoryId: value.category,
      areaId: value.community ?? value.street,
      title: value.title,
      body: value.body,
      address: value.address ?? null,
      addressPublic: value.addressPublic ?? false,
      contactName: value.contactName,
      contactMobile: value.mobile ?? null,
      contactEmail: value.email ?? null,
      display: value.display,
      companyName: value.companyName ?? null,
      creditCode: value.creditCode ?? null,
      demandType: value.demandType ?? null,
      idempotencyKey: value.idempotencyKey ?? null,
    },
    photos.images,
    { locale, publicUrl: env.PUBLIC_URL },
  )
  return redirect(`/report/received/${report.followToken}`)
}

/**
 * Photos held for a form that came back (errors, similar reports) and was never sent again
 * are removed after a day: today's and yesterday's folders stay.
 */
export function sweepHeldPhotos(now: Date = new Date()): Promise<number> {
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10)
  return getStorage().sweepDays('pending', yesterday)
}
