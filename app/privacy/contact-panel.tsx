import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useActionData } from '@remix-run/react'
import { FormErrors, TextField, validationTiming } from '../ui/forms'
import { useT } from '../ui/i18n'
import { CONTACT_INTENT, ContactViewSchema, type ReporterContact } from './contact-view-schema'

interface ContactAnswerData {
  intent: string | null
  result?: SubmissionResult<string[]> | null
  contacts?: ReporterContact[] | null
}

/**
 * The "查看联系方式" step on a staff page: a reason, then the reporters' details for this one
 * answer (a reload shows the form again, and opening again is logged again).
 */
export function ContactViewPanel() {
  const t = useT()
  const answer = useActionData() as ContactAnswerData | undefined
  const mine = answer?.intent === CONTACT_INTENT ? answer : null
  const [form, fields] = useForm({
    id: 'contact-view',
    lastResult: mine?.result ?? undefined,
    constraint: getZodConstraint(ContactViewSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactViewSchema }),
  })
  return (
    <section aria-labelledby="contact-view-heading" className="form-section">
      <h2 id="contact-view-heading">{t('privacy.contactView.heading')}</h2>
      {mine?.contacts ? <ContactList contacts={mine.contacts} /> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={CONTACT_INTENT} />
        <FormErrors form={form} />
        <TextField
          field={fields.reason}
          label={t('privacy.contactView.reason')}
          hint={t('privacy.contactView.hint')}
        />
        <div>
          <button type="submit" className="button button--secondary">
            {t('privacy.contactView.submit')}
          </button>
        </div>
      </Form>
    </section>
  )
}

function ContactList({ contacts }: { contacts: ReporterContact[] }) {
  const t = useT()
  if (contacts.length === 0) return <p role="status">{t('privacy.contactView.none')}</p>
  const orNone = (value: string | null) => value ?? t('privacy.contactView.empty')
  return (
    <div role="status" className="contact-view">
      <p className="notice">{t('privacy.contactView.logged')}</p>
      {contacts.map((c) => (
        <section key={c.reportId} aria-label={t('privacy.contactView.of', { number: c.number })}>
          <h3>{t('privacy.contactView.of', { number: c.number })}</h3>
          {c.erased ? (
            <p>{t('privacy.contactView.erased')}</p>
          ) : (
            <dl className="details">
              <dt>{t('privacy.contactView.name')}</dt>
              <dd>{orNone(c.name)}</dd>
              <dt>{t('privacy.contactView.mobile')}</dt>
              <dd>{c.mobile ? <a href={`tel:${c.mobile}`}>{c.mobile}</a> : orNone(null)}</dd>
              <dt>{t('privacy.contactView.email')}</dt>
              <dd>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : orNone(null)}</dd>
              {c.companyName || c.creditCode ? (
                <>
                  <dt>{t('privacy.contactView.company')}</dt>
                  <dd>{orNone(c.companyName)}</dd>
                  <dt>{t('privacy.contactView.creditCode')}</dt>
                  <dd>{orNone(c.creditCode)}</dd>
                </>
              ) : null}
            </dl>
          )}
          {c.photos.length ? (
            <ul className="photos">
              {c.photos.map((p, i) => (
                <li key={p.key}>
                  <img
                    src={`/media/${p.key}`}
                    alt={t('privacy.contactView.photoAlt', { number: c.number, n: i + 1 })}
                    width={p.width ?? undefined}
                    height={p.height ?? undefined}
                    loading="lazy"
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  )
}
