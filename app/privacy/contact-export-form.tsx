import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useSearchParams } from '@remix-run/react'
import { FormErrors, TextField, validationTiming } from '../ui/forms'
import { useT } from '../ui/i18n'
import { ContactExportSchema } from './contact-view-schema'

/**
 * "导出含联系方式": the duty list's Excel file with the reporters' details, asked for with a
 * reason. A plain form (not Remix's): the answer is a file download. A reason refused by the
 * server comes back in the address (`contactReason`) and is shown with its error.
 */
export function ContactExportForm({
  units,
  unitName,
}: {
  /** The units the coordinator may pick; empty for unit staff (their own unit only). */
  units: Array<{ slug: string; label: string }>
  unitName: string | null
}) {
  const t = useT()
  const [params] = useSearchParams()
  const refused = params.get('contactReason')
  const [form, fields] = useForm({
    id: 'contact-export',
    lastResult:
      refused === null
        ? undefined
        : parseWithZod(formOf({ reason: refused }), { schema: ContactExportSchema }).reply(),
    constraint: getZodConstraint(ContactExportSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactExportSchema }),
  })
  return (
    <section aria-labelledby="contact-export-title" id="contact-export">
      <h2 id="contact-export-title">{t('privacy.contactView.exportHeading')}</h2>
      <p className="muted">{t('privacy.contactView.exportLead')}</p>
      <form method="post" action="/staff/duties.xlsx" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        {units.length ? (
          <div className="field">
            <label htmlFor="contact-export-unit">{t('admin.fields.unit')}</label>
            <select id="contact-export-unit" name="unit" defaultValue="">
              <option value="">{t('admin.sheet.allUnits')}</option>
              {units.map((u) => (
                <option key={u.slug} value={u.slug}>
                  {u.label}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p>{unitName}</p>
        )}
        <TextField
          field={fields.reason}
          label={t('privacy.contactView.reason')}
          hint={t('privacy.contactView.hint')}
        />
        <div>
          <button type="submit" className="button button--secondary">
            {t('privacy.contactView.exportSubmit')}
          </button>
        </div>
      </form>
    </section>
  )
}

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return form
}
