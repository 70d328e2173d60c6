import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import type { ReportKind } from '../../db/schema'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { formAction } from '../platform/http.server'
import { localeFromRequest, translator } from '../platform/i18n'
import { clientAddress } from '../platform/rate-limit.server'
import { message } from '../platform/text'
import { HONEYPOT_FIELD } from '../ui/forms'
import { uploadedFiles } from './attachment.server'
import { heldPhotoKeys } from './held-photos.server'
import { MAX_PHOTO_BYTES, MAX_PHOTOS, reportSchema } from './report-schema'
import { reportFormOptions, submitReport } from './report-submission.server'
import { similarReportItems, type SimilarReportItem } from './similar-reports.server'
import { type PublicPreview } from '../privacy/public-preview'

/**
 * The request side of /report/concern and /report/demand, which differ only by their kind:
 * the one module of reporting that speaks HTTP, so the two route files stay a line each.
 */

/** Three full-size photos and the text fields; anything bigger is refused before it is read. */
export const MAX_REPORT_BODY_BYTES = MAX_PHOTOS * MAX_PHOTO_BYTES + 512 * 1024

function plainText(text: string, status: number): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  })
}

/** The report form's action: parse, submitReport, and answer with a redirect or the form. */
export function reportAction(kind: ReportKind) {
  const action = formAction(
    async ({ request, form }) => {
      const locale = localeFromRequest(request)
      if (form.get(HONEYPOT_FIELD)) throw plainText(translator(locale)('report.errors.bot'), 400)

      const db = await getDb()
      const schema = reportSchema(kind, await reportFormOptions(db, kind, locale))
      const submission = parseWithZod(form, { schema })
      const reply = (
        options: Parameters<typeof submission.reply>[0],
        extra: { similar?: SimilarReportItem[]; preview?: PublicPreview; held: string[] },
        status: number,
        headers?: HeadersInit,
      ) =>
        data(
          {
            result: submission.reply(options),
            similar: extra.similar ?? [],
            preview: extra.preview ?? null,
            held: extra.held,
          },
          { status, headers },
        )

      const heldKeys = heldPhotoKeys(form.getAll('heldPhoto'))
      // A conform intent, not a submit: without JavaScript, "show the communities of this street".
      if (submission.status === undefined)
        return reply({}, { held: heldKeys.slice(0, MAX_PHOTOS) }, 200)

      const key = form.get('idempotencyKey')
      const outcome = await submitReport(
        db,
        {
          kind,
          value: submission.status === 'success' ? submission.value : null,
          idempotencyKey: typeof key === 'string' && key ? key : null,
          heldKeys,
          photos: uploadedFiles(form.getAll('photos')),
          clientAddress: clientAddress(request),
        },
        { locale, publicUrl: getEnv().PUBLIC_URL },
      )
      switch (outcome.outcome) {
        case 'filed':
          return redirect(`/report/received/${outcome.followToken}`)
        case 'tooMany':
          return reply(
            {
              formErrors: [
                message('report.errors.tooMany', { minutes: Math.ceil(outcome.retryAfter / 60) }),
              ],
            },
            { held: outcome.held },
            429,
            { 'Retry-After': String(outcome.retryAfter) },
          )
        case 'invalid': {
          const schemaErrors = submission.status === 'error' ? submission.error?.photos : null
          const photoErrors = [...(schemaErrors ?? []), ...outcome.photoErrors]
          return reply(
            photoErrors.length ? { fieldErrors: { photos: photoErrors } } : {},
            { held: outcome.held },
            400,
          )
        }
        case 'preview':
          return reply({}, { preview: outcome.preview, held: outcome.held }, 200)
        case 'similar':
          return reply(
            {},
            { similar: similarReportItems(outcome.similar), held: outcome.held },
            200,
          )
      }
    },
    { maxBytes: MAX_REPORT_BODY_BYTES },
  )
  return explainTooLarge(action)
}

/** readForm's 413, told in the reader's language: only photos make a report that big. */
function explainTooLarge<T>(action: (args: ActionFunctionArgs) => Promise<T>) {
  return async (args: ActionFunctionArgs): Promise<T> => {
    try {
      return await action(args)
    } catch (error) {
      if (error instanceof Response && error.status === 413)
        throw plainText(
          translator(localeFromRequest(args.request))('report.errors.bodyTooLarge', {
            max: MAX_PHOTO_BYTES / 1024 / 1024,
          }),
          413,
        )
      throw error
    }
  }
}
