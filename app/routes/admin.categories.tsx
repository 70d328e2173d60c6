import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { FormHeading, indented, SavedNotice, type AdminReply } from '../admin/admin'
import { FormErrors, SelectField, TextField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import {
  adminAction,
  listCategories,
  listUnits,
  replyErrors,
  requireAdminReader,
  saveCategory,
} from '../admin/admin.server'
import { patterned, REPORT_KINDS, SLUG_PATTERN } from '../admin/admin-options'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { id, message, text } from '../platform/validation'
import { useCanEdit } from './admin'

// The same bounds as the table's checks, so the database never has to refuse a typed value.
const CategorySchema = z
  .object({
    id: id.optional(),
    slug: patterned(SLUG_PATTERN, 'admin.errors.slugFormat', 60),
    kind: z.enum(REPORT_KINDS),
    name: text(2, 60),
    nameEn: text(2, 120),
    responseDays: z.number().int().min(1).max(60),
    resolutionDays: z.number().int().min(1).max(365),
    defaultUnitId: id,
  })
  .refine((v) => v.responseDays <= v.resolutionDays, {
    path: ['resolutionDays'],
    message: message('admin.errors.limitsOrder'),
  })

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.categories.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminReader(request)
  const db = await getDb()
  const [categories, units] = await Promise.all([listCategories(db), listUnits(db)])
  const editId = Number(new URL(request.url).searchParams.get('edit'))
  return { categories, units, editing: categories.find((c) => c.id === editId) ?? null }
}

export async function action({ request }: ActionFunctionArgs) {
  const { staff, form, db } = await adminAction(request)
  const submission = parseWithZod(form, { schema: CategorySchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const saved = await saveCategory(db, staff.id, submission.value)
  if (!saved.ok)
    return data({ result: submission.reply(replyErrors(saved.errors)) }, { status: 400 })
  return redirect(`/admin/categories?saved=${saved.value.id}`)
}

export default function AdminCategories() {
  const t = useT()
  const locale = useLocale()
  const canEdit = useCanEdit()
  const { categories, units, editing } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as AdminReply
  const [params] = useSearchParams()
  const [form, fields] = useForm({
    id: `category-${editing?.id ?? 'new'}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(CategorySchema),
    shouldValidate: 'onBlur',
    defaultValue: editing
      ? {
          slug: editing.slug,
          kind: editing.kind,
          name: editing.name,
          nameEn: editing.nameEn,
          responseDays: String(editing.responseDays),
          resolutionDays: String(editing.resolutionDays),
          defaultUnitId: String(editing.defaultUnitId),
        }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CategorySchema }),
  })
  const name = (c: { name: string; nameEn: string }) => (locale === 'en' ? c.nameEn : c.name)
  return (
    <section>
      <h1>{t('admin.categories.title')}</h1>
      <p className="muted">{t('admin.categories.lead')}</p>
      {params.get('saved') ? <SavedNotice>{t('admin.common.saved')}</SavedNotice> : null}
      <div className="table-wrap">
        <table className="table">
          <caption>{t('admin.common.count', { count: categories.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.fields.name')}</th>
              <th scope="col">{t('admin.fields.kind')}</th>
              <th scope="col">{t('admin.fields.limits')}</th>
              <th scope="col">{t('admin.fields.defaultUnit')}</th>
              {canEdit ? <th scope="col">{t('admin.common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <td>
                  {name(c)}
                  <br />
                  <code className="muted">{c.slug}</code>
                </td>
                <td>{t(`admin.reportKinds.${c.kind}`)}</td>
                <td>
                  {t('admin.categories.limits', {
                    response: c.responseDays,
                    resolution: c.resolutionDays,
                  })}
                </td>
                <td>{locale === 'en' ? c.unitNameEn : c.unitName}</td>
                {canEdit ? (
                  <td>
                    <a href={`?edit=${c.id}`} aria-label={`${t('admin.common.edit')} ${name(c)}`}>
                      {t('admin.common.edit')}
                    </a>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <Form
          method="post"
          className="form"
          {...getFormProps(form)}
          aria-labelledby="category-form"
        >
          <FormHeading
            id="category-form"
            title={t('admin.categories.new')}
            editing={editing ? name(editing) : null}
            cancelTo="/admin/categories"
          />
          <FormErrors form={form} />
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <SelectField
            field={fields.kind}
            label={t('admin.fields.kind')}
            placeholder=""
            options={REPORT_KINDS.map((k) => ({ value: k, label: t(`admin.reportKinds.${k}`) }))}
          />
          <TextField field={fields.name} label={t('admin.fields.name')} />
          <TextField field={fields.nameEn} label={t('admin.fields.nameEn')} />
          <TextField
            field={fields.slug}
            label={t('admin.fields.slug')}
            hint={t('admin.fields.slugHint')}
            autoComplete="off"
          />
          <TextField
            field={fields.responseDays}
            label={t('admin.fields.responseDays')}
            hint={t('admin.fields.daysHint')}
            type="number"
            inputMode="numeric"
          />
          <TextField
            field={fields.resolutionDays}
            label={t('admin.fields.resolutionDays')}
            type="number"
            inputMode="numeric"
          />
          <SelectField
            field={fields.defaultUnitId}
            label={t('admin.fields.defaultUnit')}
            placeholder=""
            options={units.map((u) => ({
              value: u.id,
              label: indented(u.depth, locale === 'en' ? u.nameEn : u.name),
            }))}
          />
          <div>
            <button type="submit" className="button">
              {editing ? t('admin.common.save') : t('admin.common.create')}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  )
}
