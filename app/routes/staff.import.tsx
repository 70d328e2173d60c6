import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import type { AdminReply } from '../admin/admin'
import { ErrorList, FormErrors, SelectField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { MAX_SHEET_BYTES, MAX_SHEET_ROWS } from '../admin/admin-options'
import {
  importDuties,
  importUnits,
  readDutySheet,
  type SheetIssue,
} from '../duties/duty-sheet.server'
import { requireStaff } from '../staff/auth.server'
import { readForm, requireSameOrigin } from '../platform/http.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { id, message } from '../platform/validation'

const MB = MAX_SHEET_BYTES / 1024 / 1024

const ImportSchema = z.object({
  categoryId: id,
  file: z
    .instanceof(File, { message: message('validation.required') })
    .refine((f) => f.size > 0, message('validation.required'))
    .refine((f) => f.size <= MAX_SHEET_BYTES, message('admin.sheet.issues.tooLarge', { mb: MB })),
})

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.sheet.importTitle'))

function requireSheetStaff(request: Request) {
  return requireStaff(request, 'unit_staff', 'coordinator')
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireSheetStaff(request)
  const db = await getDb()
  const [categories, units] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'name', 'name_en as nameEn'])
      .orderBy('kind')
      .orderBy('sort_order')
      .execute(),
    staff.role === 'coordinator'
      ? db
          .selectFrom('units')
          .select(['slug', 'name', 'name_en as nameEn'])
          .orderBy('sort_order')
          .execute()
      : Promise.resolve([]),
  ])
  return { role: staff.role, unitName: staff.unitName, categories, units }
}

type ImportReply = AdminReply<{ issues?: SheetIssue[]; imported?: number }>

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request, getEnv().PUBLIC_URL)
  const staff = await requireSheetStaff(request)
  // Room for the form around the file; a larger file gets the plain 413.
  const form = await readForm(request, MAX_SHEET_BYTES * 2)
  const submission = parseWithZod(form, { schema: ImportSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['file'] }) }, { status: 400 })
  const db = await getDb()
  const category = await db
    .selectFrom('categories')
    .select('id')
    .where('id', '=', submission.value.categoryId)
    .executeTakeFirst()
  if (!category)
    return data(
      {
        result: submission.reply({
          fieldErrors: { categoryId: [message('admin.errors.notFound')] },
          hideFields: ['file'],
        }),
      },
      { status: 400 },
    )
  const bytes = new Uint8Array(await submission.value.file.arrayBuffer())
  const ownUnit = staff.role === 'unit_staff' ? staff.unitId : null
  const parsed = await readDutySheet(bytes, await importUnits(db), ownUnit)
  if (!parsed.ok)
    return data(
      { result: submission.reply({ hideFields: ['file'] }), issues: parsed.issues },
      { status: 400 },
    )
  const ids = await importDuties(db, {
    rows: parsed.rows,
    categoryId: category.id,
    staffId: staff.id,
  })
  return { result: submission.reply({ resetForm: true }), imported: ids.length }
}

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
  const actionData = useActionData<typeof action>() as ImportReply
  const [form, fields] = useForm({
    id: 'duty-import',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ImportSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportSchema }),
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
      <section aria-labelledby="import-title">
        <h2 id="import-title">{t('admin.sheet.importTitle')}</h2>
        <p className="muted">{t('admin.sheet.importLead')}</p>
        {actionData?.imported !== undefined ? (
          <p className="notice" role="status">
            {t('admin.sheet.done', { count: actionData.imported })}
          </p>
        ) : null}
        {actionData?.issues ? <IssueReport issues={actionData.issues} /> : null}
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
              {t('admin.sheet.fileHint', { mb: MB, rows: MAX_SHEET_ROWS })}
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
