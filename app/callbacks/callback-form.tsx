import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import type { ResidentView } from '../../db/schema'
import { formatDateTime } from '../platform/i18n'
import {
  FormErrors,
  RadioGroupField,
  SelectField,
  TextareaField,
  validationTiming,
} from '../ui/forms'
import { useLocale, useT } from '../ui/i18n'
import { CallbackSchema, residentViews } from './callback-schema'

export interface CallbackItem {
  id: number
  reportNumber: string
  staffName: string
  reached: boolean
  view: ResidentView | null
  note: string | null
  at: string | Date
}

/** The duty page's 回访 section: what was recorded, and the form to record another. */
export function CallbackSection({
  reports,
  callbacks,
}: {
  reports: Array<{ id: number; number: string; title: string }>
  callbacks: CallbackItem[]
}) {
  const t = useT()
  const locale = useLocale()
  const [params] = useSearchParams()
  const actionData = useActionData<{ intent: string | null; result?: SubmissionResult }>()
  const [form, fields] = useForm({
    id: 'duty-callback',
    lastResult: actionData?.intent === 'callback' ? actionData.result : undefined,
    constraint: getZodConstraint(CallbackSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CallbackSchema }),
  })
  if (reports.length === 0) return null
  return (
    <section aria-labelledby="callbacks-heading">
      <h2 id="callbacks-heading">{t('callbacks.heading')}</h2>
      <p className="field__hint">{t('callbacks.private')}</p>
      {params.get('callback') === 'saved' ? (
        <p className="notice" role="status">
          {t('callbacks.saved')}
        </p>
      ) : null}
      {callbacks.length === 0 ? (
        <p>{t('callbacks.empty')}</p>
      ) : (
        <ul className="callbacks">
          {callbacks.map((c) => (
            <li key={c.id}>
              <p className="feed__meta">
                <time dateTime={new Date(c.at).toISOString()}>
                  {formatDateTime(new Date(c.at), locale)}
                </time>{' '}
                · {c.reportNumber} · {c.staffName}
              </p>
              <p>
                {c.reached ? t('callbacks.reachedYes') : t('callbacks.reachedNo')}
                {c.view ? ` · ${t(`callbacks.views.${c.view}`)}` : null}
              </p>
              {c.note ? <p className="prewrap">{c.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="form" {...getFormProps(form)}>
        <h3>{t('callbacks.add')}</h3>
        <input type="hidden" name="intent" value="callback" />
        <FormErrors form={form} />
        {reports.length === 1 ? (
          <input type="hidden" name="reportId" value={reports[0]!.id} />
        ) : (
          <SelectField
            field={fields.reportId}
            label={t('callbacks.report')}
            placeholder={t('callbacks.choose')}
            options={reports.map((r) => ({ value: r.id, label: `${r.number} ${r.title}` }))}
          />
        )}
        <RadioGroupField
          field={fields.reached}
          label={t('callbacks.reached')}
          options={[
            { value: 'yes', label: t('callbacks.reachedYes') },
            { value: 'no', label: t('callbacks.reachedNo') },
          ]}
        />
        <RadioGroupField
          field={fields.view}
          label={t('callbacks.view')}
          hint={t('callbacks.viewHint')}
          options={residentViews.map((v) => ({ value: v, label: t(`callbacks.views.${v}`) }))}
        />
        <TextareaField
          field={fields.note}
          label={t('callbacks.note')}
          hint={t('callbacks.noteHint')}
          rows={3}
        />
        <div>
          <button type="submit" className="button">
            {t('callbacks.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}
