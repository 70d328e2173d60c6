import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, ReportKind } from '../../db/schema'
import { cached } from '../platform/cache.server'
import type { Locale } from '../platform/i18n'
import { check, consume } from '../platform/rate-limit.server'
import { collectPhotos, holdPhotos } from './held-photos.server'
import { createReport, findReportByIdempotencyKey, publicReportText } from './report.server'
import { publicReporterName } from './reporter-name'
import { MAX_PHOTOS, type ReportFormOptions, type ReportFormValue } from './report-schema'
import { findSimilarReports, type SimilarReport } from './similar-reports.server'
import { type PublicPreview } from '../privacy/public-preview'

/** What the report form offers: the kind's categories and every area, in the reader's language. */
export async function reportFormOptions(
  db: Kysely<Database>,
  kind: ReportKind,
  locale: Locale,
): Promise<ReportFormOptions> {
  return cached(`reference:report-form:${kind}:${locale}`, () =>
    loadReportFormOptions(db, kind, locale),
  )
}

async function loadReportFormOptions(
  db: Kysely<Database>,
  kind: ReportKind,
  locale: Locale,
): Promise<ReportFormOptions> {
  const [categories, areas] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'name', 'name_en'])
      .where('kind', '=', kind)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('areas')
      .select(['id', 'name', 'name_en', 'level', 'parent_id'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
  ])
  const name = (r: { name: string; name_en: string }) => (locale === 'en' ? r.name_en : r.name)
  return {
    categories: categories.map((c) => ({ id: c.id, name: name(c) })),
    areas: areas.map((a) => ({ id: a.id, name: name(a), level: a.level, parentId: a.parent_id })),
  }
}

/** An empty report form of one kind. */
export async function newReportForm(db: Kysely<Database>, kind: ReportKind, locale: Locale) {
  return {
    kind,
    options: await reportFormOptions(db, kind, locale),
    // Rendered into the form: a repeated submit of this very form files one report, not two.
    idempotencyKey: crypto.randomBytes(18).toString('base64url'),
  }
}

export interface ReportSubmission {
  kind: ReportKind
  /** The form as its schema parsed it, or null when it did not pass. */
  value: ReportFormValue | null
  /** As sent, even when the form did not pass: a form sent again after filing finds its report. */
  idempotencyKey: string | null
  /** Photos held from an earlier submit of this form (see held-photos.server). */
  heldKeys: string[]
  photos: File[]
  clientAddress: string
}

/** Every photo the reporter chose comes back held on the server, unless the report was filed. */
export type SubmissionOutcome =
  | { outcome: 'filed'; followToken: string }
  | { outcome: 'tooMany'; retryAfter: number; held: string[] }
  | { outcome: 'invalid'; photoErrors: string[]; held: string[] }
  | { outcome: 'similar'; similar: SimilarReport[]; held: string[] }
  | { outcome: 'preview'; preview: PublicPreview; held: string[] }

/**
 * A submit of the report form: limited per client address and per contact, photos read by
 * their content, similar open reports shown once before filing anew, then the report filed.
 */
export async function submitReport(
  db: Kysely<Database>,
  submission: ReportSubmission,
  options: { locale: Locale; publicUrl: string },
): Promise<SubmissionOutcome> {
  if (submission.idempotencyKey) {
    const existing = await findReportByIdempotencyKey(db, submission.idempotencyKey)
    if (existing) return { outcome: 'filed', followToken: existing.followToken }
  }

  // A spent budget is refused before any work; a point is spent only on a report that passed.
  const budget = await check('reportByIp', submission.clientAddress)
  if (!budget.ok)
    return {
      outcome: 'tooMany',
      retryAfter: budget.retryAfter,
      held: submission.heldKeys.slice(0, MAX_PHOTOS),
    }

  const photos = await collectPhotos(submission.heldKeys, submission.photos)
  const value = submission.value
  if (!value || photos.errors.length)
    return { outcome: 'invalid', photoErrors: photos.errors, held: await holdPhotos(photos) }

  // Personal data typed into the text is masked: the reporter sees the public version first.
  const shown = publicReportText(value)
  if (value.confirmPublic !== 'yes' && (shown.title !== value.title || shown.body !== value.body)) {
    const name = publicReporterName({
      kind: submission.kind,
      contact_name: value.contactName,
      company_name: value.companyName ?? null,
      display: value.showName ? 'masked' : 'anonymous',
    })
    return {
      outcome: 'preview',
      preview: { ...shown, name, kind: submission.kind },
      held: await holdPhotos(photos),
    }
  }

  if (value.confirmNew !== 'yes') {
    const similar = await findSimilarReports(db, {
      categoryId: value.category,
      streetId: value.street,
      title: value.title,
      body: value.body,
    })
    if (similar.length) return { outcome: 'similar', similar, held: await holdPhotos(photos) }
  }

  const byAddress = await consume('reportByIp', submission.clientAddress)
  if (!byAddress.ok)
    return { outcome: 'tooMany', retryAfter: byAddress.retryAfter, held: await holdPhotos(photos) }

  for (const contact of [value.mobile, value.email]) {
    if (!contact) continue
    const byContact = await consume('reportByContact', contact)
    if (!byContact.ok)
      return {
        outcome: 'tooMany',
        retryAfter: byContact.retryAfter,
        held: await holdPhotos(photos),
      }
  }

  const report = await createReport(
    db,
    {
      kind: submission.kind,
      categoryId: value.category,
      areaId: value.community ?? value.street,
      title: value.title,
      body: value.body,
      address: value.address ?? null,
      addressPublic: value.addressPublic ?? false,
      contactName: value.contactName,
      contactMobile: value.mobile ?? null,
      contactEmail: value.email ?? null,
      display: value.showName ? 'masked' : 'anonymous',
      companyName: value.companyName ?? null,
      creditCode: value.creditCode ?? null,
      demandType: value.demandType ?? null,
      idempotencyKey: value.idempotencyKey ?? null,
    },
    photos.images,
    options,
  )
  return { outcome: 'filed', followToken: report.followToken }
}
