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
  listAreas,
  replyErrors,
  requireAdminReader,
  saveArea,
} from '../admin/admin.server'
import { AREA_CODE_PATTERN, AREA_LEVELS, patterned } from '../admin/admin-options'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { id, message, text } from '../platform/validation'
import { useCanEdit } from './admin'

const AreaSchema = z
  .object({
    id: id.optional(),
    code: patterned(AREA_CODE_PATTERN, 'admin.errors.codeFormat', 40),
    name: text(2, 60),
    nameEn: text(2, 120),
    level: z.enum(AREA_LEVELS),
    parentId: id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.level === 'district' && v.parentId)
      ctx.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: message('admin.errors.districtNoParent'),
      })
    if (v.level !== 'district' && !v.parentId)
      ctx.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: message(
          v.level === 'street' ? 'admin.errors.parentDistrict' : 'admin.errors.parentStreet',
        ),
      })
  })

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.areas.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminReader(request)
  const areas = await listAreas(await getDb())
  const editId = Number(new URL(request.url).searchParams.get('edit'))
  return { areas, editing: areas.find((a) => a.id === editId) ?? null }
}

export async function action({ request }: ActionFunctionArgs) {
  const { staff, form, db } = await adminAction(request)
  const submission = parseWithZod(form, { schema: AreaSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const saved = await saveArea(db, staff.id, submission.value)
  if (!saved.ok)
    return data({ result: submission.reply(replyErrors(saved.errors)) }, { status: 400 })
  return redirect(`/admin/areas?saved=${saved.value.id}`)
}

export default function AdminAreas() {
  const t = useT()
  const locale = useLocale()
  const canEdit = useCanEdit()
  const { areas, editing } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as AdminReply
  const [params] = useSearchParams()
  const [form, fields] = useForm({
    id: `area-${editing?.id ?? 'new'}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(AreaSchema),
    shouldValidate: 'onBlur',
    defaultValue: editing
      ? {
          code: editing.code,
          name: editing.name,
          nameEn: editing.nameEn,
          level: editing.level,
          parentId: editing.parentId ? String(editing.parentId) : '',
        }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AreaSchema }),
  })
  const name = (a: { name: string; nameEn: string }) => (locale === 'en' ? a.nameEn : a.name)
  return (
    <section>
      <h1>{t('admin.areas.title')}</h1>
      <p className="muted">{t('admin.areas.lead')}</p>
      {params.get('saved') ? <SavedNotice>{t('admin.common.saved')}</SavedNotice> : null}
      <div className="table-wrap">
        <table className="table">
          <caption>{t('admin.common.count', { count: areas.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.fields.name')}</th>
              <th scope="col">{t('admin.fields.level')}</th>
              <th scope="col">{t('admin.fields.code')}</th>
              {canEdit ? <th scope="col">{t('admin.common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.id}>
                <td>{indented(a.depth, name(a))}</td>
                <td>{t(`admin.levels.${a.level}`)}</td>
                <td>
                  <code>{a.code}</code>
                </td>
                {canEdit ? (
                  <td>
                    <a href={`?edit=${a.id}`} aria-label={`${t('admin.common.edit')} ${name(a)}`}>
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
        <Form method="post" className="form" {...getFormProps(form)} aria-labelledby="area-form">
          <FormHeading
            id="area-form"
            title={t('admin.areas.new')}
            editing={editing ? name(editing) : null}
            cancelTo="/admin/areas"
          />
          <FormErrors form={form} />
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <SelectField
            field={fields.level}
            label={t('admin.fields.level')}
            placeholder=""
            options={AREA_LEVELS.map((l) => ({ value: l, label: t(`admin.levels.${l}`) }))}
          />
          <SelectField
            field={fields.parentId}
            label={t('admin.fields.parent')}
            placeholder={t('admin.fields.parentNone')}
            options={areas
              .filter((a) => a.level !== 'community' && a.id !== editing?.id)
              .map((a) => ({
                value: a.id,
                label: indented(a.depth, `${name(a)}（${t(`admin.levels.${a.level}`)}）`),
              }))}
          />
          <TextField field={fields.name} label={t('admin.fields.name')} />
          <TextField field={fields.nameEn} label={t('admin.fields.nameEn')} />
          <TextField
            field={fields.code}
            label={t('admin.fields.code')}
            hint={t('admin.fields.codeHint')}
            autoComplete="off"
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
