import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { MAX_SHEET_ROWS } from '../admin/admin-options'
import {
  SHEET_FORM_MAX_BYTES,
  SHEET_MB,
  SheetImportSchema,
} from '../duties/sheet/sheet-import-schema'
import { importChoices, importDutySheet } from '../duties/sheet/sheet-import.server'
import type { SheetIssue } from '../duties/sheet/sheet-read.server'
import { getDb } from '../platform/db.server'
import { formAction } from '../platform/http.server'
import { requireStaff } from '../staff/auth.server'
import { ContactExportForm } from '../privacy/contact-export-form'
import { ErrorList, FormErrors, SelectField, validationTiming } from '../ui/forms'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.sheet.importTitle'))

function requireSheetStaff(request: Request) {
  return requireStaff(request, 'unit_staff', 'coordinator')
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireSheetStaff(request)
  const choices = await importChoices(await getDb(), staff)
  return { role: staff.role, unitName: staff.unitName, ...choices }
}

/** What an upload answers: the form's state, and either each problem or how many were imported. */
interface ImportAnswer {
  result: SubmissionResult<string[]>
  issues?: SheetIssue[]
  imported?: number
}

export const action = /* @__PURE__ */ formAction(
  async ({ request, form }) => {
    const staff = await requireSheetStaff(request)
    const answer = (body: ImportAnswer, status = 200) => data(body, { status })
    const submission = parseWithZod(form, { schema: SheetImportSchema })
    if (submission.status !== 'success')
      return answer({ result: submission.reply({ hideFields: ['file'] }) }, 400)
    const outcome = await importDutySheet(await getDb(), staff, submission.value)
    if (!outcome.ok)
      return answer(
        { result: submission.reply({ hideFields: ['file'] }), issues: outcome.issues },
        400,
      )
    return answer({ result: submission.reply({ resetForm: true }), imported: outcome.imported })
  },
  { maxBytes: SHEET_FORM_MAX_BYTES },
)

function IssueReport({ issues }: { issues: SheetIssue[] }) {
  const t = useT()
  return (
    <div className="sheet-report">
      <div className="form-errors" role="alert">
        <p>{t('admin.sheet.invalid', { count: issues.length })}</p>
      </div>
      <div className="table-wrap">
        <table className="table">
          <caption>{t('admin.sheet.reportTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.sheet.where')}</th>
              <th scope="col">{t('admin.sheet.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, i) => (
              <tr key={i}>
                <th scope="row">
                  {issue.row === null
                    ? t('admin.sheet.wholeFile')
                    : issue.column
                      ? t('admin.sheet.cell', {
                          row: issue.row,
                          column: issue.column,
                          header: issue.header ?? '',
                        })
                      : t('admin.sheet.row', { row: issue.row })}
                </th>
                <td>{t(issue.key, issue.values)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

export default function StaffImport() {
  const t = useT()
  const locale = useLocale()
  const { role, unitName, categories, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // A refusal from the domain (formAction's reply) names its intent; an import answer does not.
  const answer = actionData && !('intent' in actionData) ? actionData : null
  const [form, fields] = useForm({
    id: 'duty-import',
    lastResult: actionData?.result,
    constraint: getZodConstraint(SheetImportSchema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SheetImportSchema }),
  })
  const en = locale === 'en'
  const fileProps = getInputProps(fields.file, {
    type: 'file',
    ariaDescribedBy: [
      `${fields.file.id}-hint`,
      fields.file.errors?.length ? fields.file.errorId : null,
    ]
      .filter(Boolean)
      .join(' '),
  })
  return (
    <section>
      <h1>{t('admin.sheet.navLink')}</h1>
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('admin.sheet.exportTitle')}</h2>
        <p className="muted">{t('admin.sheet.exportLead')}</p>
        <form method="get" action="/staff/duties.xlsx" className="form">
          {role === 'coordinator' ? (
            <div className="field">
              <label htmlFor="export-unit">{t('admin.fields.unit')}</label>
              <select id="export-unit" name="unit" defaultValue="">
                <option value="">{t('admin.sheet.allUnits')}</option>
                {units.map((u) => (
                  <option key={u.slug} value={u.slug}>
                    {en ? u.nameEn : u.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p>{unitName}</p>
          )}
          <div>
            <button type="submit" className="button">
              {t('admin.sheet.download')}
            </button>
          </div>
        </form>
      </section>
      <ContactExportForm
        units={units.map((u) => ({ slug: u.slug, label: en ? u.nameEn : u.name }))}
        unitName={unitName}
      />
      <section aria-labelledby="import-title">
        <h2 id="import-title">{t('admin.sheet.importTitle')}</h2>
        <p className="muted">{t('admin.sheet.importLead')}</p>
        {answer?.imported !== undefined ? (
          <p className="notice" role="status">
            {t('admin.sheet.done', { count: answer.imported })}
          </p>
        ) : null}
        {answer?.issues ? <IssueReport issues={answer.issues} /> : null}
        <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
          <FormErrors form={form} />
          <SelectField
            field={fields.categoryId}
            label={t('admin.sheet.category')}
            placeholder=""
            options={categories.map((c) => ({ value: c.id, label: en ? c.nameEn : c.name }))}
          />
          <div className="field">
            <label htmlFor={fields.file.id}>{t('admin.sheet.file')}</label>
            <span id={`${fields.file.id}-hint`} className="field__hint">
              {t('admin.sheet.fileHint', { mb: SHEET_MB, rows: MAX_SHEET_ROWS })}
            </span>
            <input
              {...fileProps}
              key={fileProps.key}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />
            <ErrorList id={fields.file.errorId} errors={fields.file.errors} />
          </div>
          <div>
            <button type="submit" className="button">
              {t('admin.sheet.submit')}
            </button>
          </div>
        </Form>
      </section>
    </section>
  )
}
