import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, isRouteErrorResponse, useNavigation, useRouteError } from '@remix-run/react'
import { useEffect, useMemo, useState } from 'react'
import type { ReportKind } from '../../db/schema'
import { formatDate } from '../platform/i18n'
import { DEMAND_TYPES, PHOTO_TYPES, reportSchema, type ReportFormOptions } from './report-schema'
import type { SimilarReportItem } from './similar-reports.server'
import { useLocale, useT } from '../ui/i18n'
import { GeneralErrorBoundary } from '../ui/error-boundary'
import {
  CheckboxField,
  ErrorList,
  FormErrors,
  Honeypot,
  SelectField,
  TextareaField,
  TextField,
  validationTiming,
} from '../ui/forms'
import { PublicPreviewPanel, type PublicPreview } from '../privacy/public-preview'

/** What the report action answers when the form comes back (a failed form has no extras). */
interface ReportActionData {
  result: SubmissionResult<string[]>
  similar?: SimilarReportItem[]
  preview?: PublicPreview | null
  held?: string[]
}

/** A field's current value as text (conform types values of preprocessed fields loosely). */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** True once React runs in the browser: controls only the page without JavaScript needs go. */
function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}

/**
 * The one form engine behind /report/concern and /report/demand: the same zod schema checks
 * the input here as the reporter types and again in the action.
 */
export function ReportForm({
  kind,
  options,
  idempotencyKey,
  actionData,
}: {
  kind: ReportKind
  options: ReportFormOptions
  idempotencyKey: string
  actionData: ReportActionData | undefined
}) {
  const t = useT()
  const hydrated = useHydrated()
  const navigation = useNavigation()
  const schema = useMemo(() => reportSchema(kind, options), [kind, options])
  const districts = options.areas.filter((a) => a.level === 'district')
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: {
      idempotencyKey,
      district: districts.length === 1 ? String(districts[0]!.id) : undefined,
    },
    constraint: getZodConstraint(schema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })

  const district = asText(fields.district.value)
  const streets = options.areas.filter(
    (a) => a.level === 'street' && String(a.parentId) === district,
  )
  const street = streets.some((s) => String(s.id) === fields.street.value)
    ? asText(fields.street.value)
    : ''
  const communities = street
    ? options.areas.filter((a) => a.level === 'community' && String(a.parentId) === street)
    : []

  const similar = useSimilarReports({
    category: asText(fields.category.value),
    street,
    title: asText(fields.title.value),
    body: asText(fields.body.value),
    fromServer: actionData?.similar ?? [],
  })
  const held = actionData?.held ?? []
  const photoProps = getInputProps(fields.photos, {
    type: 'file',
    ariaDescribedBy: [
      `${fields.photos.id}-hint`,
      fields.photos.errors?.length ? fields.photos.errorId : null,
    ]
      .filter(Boolean)
      .join(' '),
  })
  const submitting = navigation.state === 'submitting'

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="form report-form"
      {...getFormProps(form)}
    >
      <FormErrors form={form} />
      <Honeypot />
      <input {...getInputProps(fields.idempotencyKey, { type: 'hidden' })} />

      <fieldset className="form-section">
        <legend>{t('report.form.problem')}</legend>
        <SelectField
          field={fields.category}
          label={t('report.form.category')}
          placeholder={t('report.form.choose')}
          options={options.categories.map((c) => ({ value: c.id, label: c.name }))}
        />
        <SelectField
          field={fields.district}
          label={t('report.form.district')}
          placeholder={t('report.form.choose')}
          options={districts.map((d) => ({ value: d.id, label: d.name }))}
        />
        <SelectField
          field={fields.street}
          label={t('report.form.street')}
          placeholder={t('report.form.choose')}
          options={streets.map((s) => ({ value: s.id, label: s.name }))}
        />
        {hydrated ? null : (
          <div className="field">
            <button
              type="submit"
              className="button button--secondary"
              aria-describedby="show-communities-hint"
              {...form.validate.getButtonProps({ name: fields.street.name })}
            >
              {t('report.form.showCommunities')}
            </button>
            <span id="show-communities-hint" className="field__hint">
              {t('report.form.showCommunitiesHint')}
            </span>
          </div>
        )}
        <SelectField
          field={fields.community}
          label={t('report.form.community')}
          placeholder={t('report.form.communityNone')}
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
        />
        <TextField
          field={fields.title}
          label={t('report.form.title')}
          hint={t('report.form.titleHint')}
        />
        <TextareaField
          field={fields.body}
          label={t('report.form.body')}
          hint={t('report.form.bodyHint')}
        />
        <TextField
          field={fields.address}
          label={t('report.form.address')}
          hint={t('report.form.addressHint')}
          autoComplete="street-address"
        />
        <CheckboxField field={fields.addressPublic} label={t('report.form.addressPublic')} />
        {held.length ? (
          <fieldset className="field">
            <legend>{t('report.form.held')}</legend>
            <span className="field__hint">{t('report.form.heldHint')}</span>
            {held.map((key, i) => (
              <label key={key} className="choice">
                <input type="checkbox" name="heldPhoto" value={key} defaultChecked />
                <span>{t('report.form.keepPhoto', { n: i + 1 })}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="field">
          <label htmlFor={fields.photos.id}>{t('report.form.photos')}</label>
          <span id={`${fields.photos.id}-hint`} className="field__hint">
            {t('report.form.photosHint')}
          </span>
          <input
            {...photoProps}
            // Photos just held on the server must not be sent a second time.
            key={`${photoProps.key ?? ''}:${held.join('|')}`}
            multiple
            accept={PHOTO_TYPES.join(',')}
          />
          <ErrorList id={fields.photos.errorId} errors={fields.photos.errors} />
        </div>
      </fieldset>

      {kind === 'demand' ? (
        <fieldset className="form-section">
          <legend>{t('report.form.company')}</legend>
          <TextField
            field={fields.companyName}
            label={t('report.form.companyName')}
            autoComplete="organization"
          />
          <TextField
            field={fields.creditCode}
            label={t('report.form.creditCode')}
            hint={t('report.form.creditCodeHint')}
            autoComplete="off"
          />
          <SelectField
            field={fields.demandType}
            label={t('report.form.demandType')}
            placeholder={t('report.form.choose')}
            options={DEMAND_TYPES.map((d) => ({
              value: d,
              label: t(`report.demandTypes.${d}`),
            }))}
          />
        </fieldset>
      ) : null}

      <fieldset className="form-section">
        <legend>{t('report.form.contact')}</legend>
        <p className="field__hint">{t('report.form.contactHint')}</p>
        <TextField
          field={fields.contactName}
          label={t('report.form.contactName')}
          autoComplete="name"
        />
        <TextField
          field={fields.mobile}
          label={t('report.form.mobile')}
          hint={t('report.form.mobileHint')}
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
        />
        <TextField
          field={fields.email}
          label={t('report.form.email')}
          hint={t('report.form.emailHint')}
          type="email"
          autoComplete="email"
        />
        <CheckboxField
          field={fields.showName}
          label={t(kind === 'demand' ? 'report.form.showCompany' : 'report.form.showName')}
          hint={t(kind === 'demand' ? 'report.form.showCompanyHint' : 'report.form.showNameHint')}
        />
      </fieldset>

      <CheckboxField field={fields.consent} label={t('report.form.consent')} />

      <div aria-live="polite">
        {actionData?.preview ? (
          <PublicPreviewPanel preview={actionData.preview} />
        ) : fields.confirmPublic.initialValue === 'yes' ? (
          // Seen already: the step after (similar reports) must not bring the preview back.
          <input type="hidden" name="confirmPublic" value="yes" />
        ) : null}
        {similar.length ? <SimilarReports items={similar} /> : null}
      </div>

      <div className="actions">
        {similar.length ? (
          <button
            type="submit"
            className="button"
            name="confirmNew"
            value="yes"
            disabled={submitting}
          >
            {t('report.form.submitAnyway')}
          </button>
        ) : (
          <button type="submit" className="button" disabled={submitting}>
            {t(actionData?.preview ? 'privacy.preview.confirm' : 'report.form.submit')}
          </button>
        )}
      </div>
    </Form>
  )
}

/**
 * Similar open reports: found by the server when the form comes back, and while the reporter
 * types once JavaScript runs (category, street and a title are enough to look).
 */
function useSimilarReports(input: {
  category: string
  street: string
  title: string
  body: string
  fromServer: SimilarReportItem[]
}): SimilarReportItem[] {
  const [found, setFound] = useState<SimilarReportItem[]>([])
  const { category, street, title, body } = input
  const query =
    category && street && Array.from(title.trim()).length >= 4
      ? new URLSearchParams({
          category,
          street,
          title: title.trim(),
          body: body.trim().slice(0, 300),
        }).toString()
      : ''
  // A plain request to the resource route, not a fetcher: a fetcher is revalidated after the
  // form is posted, and when its route was discovered while the post began, Remix failed that
  // revalidation with "No route matches" and replaced the form with a 404.
  useEffect(() => {
    if (!query) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      fetch(`/report/similar?${query}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : { similar: [] }))
        .then((data: { similar: SimilarReportItem[] }) => setFound(data.similar))
        // Aborted or offline: the server looks again when the form is posted.
        .catch(() => undefined)
    }, 400)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [query])
  if (input.fromServer.length) return input.fromServer
  return query ? found : []
}

function SimilarReports({ items }: { items: SimilarReportItem[] }) {
  const t = useT()
  const locale = useLocale()
  return (
    <section aria-labelledby="similar-heading" className="similar-reports">
      <h2 id="similar-heading">{t('report.similar.heading')}</h2>
      <p>{t('report.similar.lead')}</p>
      <ul className="card-list">
        {items.map((s) => (
          <li key={s.id} className="card">
            <h3>{s.title}</h3>
            <p className="muted">
              <span className="badge">{t(`report.status.${s.status}`)}</span>{' '}
              {t('report.similar.submitted', { date: formatDate(new Date(s.createdAt), locale) })}
            </p>
            <p>
              <a href={`/reports/${s.id}`}>{t('report.similar.follow')}</a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Refused uploads (413) and refused forms (400) explain themselves and lead back to the form. */
export function ReportErrorBoundary() {
  const error = useRouteError()
  const t = useT()
  if (
    isRouteErrorResponse(error) &&
    (error.status === 400 || error.status === 413) &&
    typeof error.data === 'string'
  ) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{t('report.errorPage.title')}</h1>
        <p>{error.data}</p>
        <p>
          <a href="/report">{t('report.errorPage.back')}</a>
        </p>
      </section>
    )
  }
  return <GeneralErrorBoundary />
}
