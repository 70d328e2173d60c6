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
  listUnits,
  replyErrors,
  requireAdminReader,
  saveUnit,
} from '../admin/admin.server'
import { patterned, SLUG_PATTERN, UNIT_KINDS } from '../admin/admin-options'
import { useLocale, metaT, pageMeta, useT } from '../ui/i18n'
import { id, optionalText, text } from '../platform/validation'
import { useCanEdit } from './admin'

const UnitSchema = z.object({
  id: id.optional(),
  slug: patterned(SLUG_PATTERN, 'admin.errors.slugFormat', 60),
  name: text(2, 60),
  nameEn: text(2, 120),
  kind: z.enum(UNIT_KINDS),
  parentId: id.optional(),
  phone: optionalText(40),
})

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.units.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminReader(request)
  const units = await listUnits(await getDb())
  const editId = Number(new URL(request.url).searchParams.get('edit'))
  return { units, editing: units.find((u) => u.id === editId) ?? null }
}

export async function action({ request }: ActionFunctionArgs) {
  const { staff, form, db } = await adminAction(request)
  const submission = parseWithZod(form, { schema: UnitSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const saved = await saveUnit(db, staff.id, submission.value)
  if (!saved.ok)
    return data({ result: submission.reply(replyErrors(saved.errors)) }, { status: 400 })
  return redirect(`/admin/units?saved=${saved.value.id}`)
}

export default function AdminUnits() {
  const t = useT()
  const locale = useLocale()
  const canEdit = useCanEdit()
  const { units, editing } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as AdminReply
  const [params] = useSearchParams()
  const [form, fields] = useForm({
    id: `unit-${editing?.id ?? 'new'}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(UnitSchema),
    shouldValidate: 'onBlur',
    defaultValue: editing
      ? {
          id: String(editing.id),
          slug: editing.slug,
          name: editing.name,
          nameEn: editing.nameEn,
          kind: editing.kind,
          parentId: editing.parentId ? String(editing.parentId) : '',
          phone: editing.phone ?? '',
        }
      : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UnitSchema }),
  })
  const label = (u: { name: string; nameEn: string }) => (locale === 'en' ? u.nameEn : u.name)
  return (
    <section>
      <h1>{t('admin.units.title')}</h1>
      <p className="muted">{t('admin.units.lead')}</p>
      {params.get('saved') ? <SavedNotice>{t('admin.common.saved')}</SavedNotice> : null}
      <div className="table-wrap">
        <table className="table">
          <caption>{t('admin.common.count', { count: units.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.fields.name')}</th>
              <th scope="col">{t('admin.fields.slug')}</th>
              <th scope="col">{t('admin.fields.kind')}</th>
              {canEdit ? <th scope="col">{t('admin.common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id}>
                <td>
                  {indented(u.depth, u.name)}
                  <br />
                  <span className="muted">{u.nameEn}</span>
                </td>
                <td>
                  <code>{u.slug}</code>
                </td>
                <td>{t(`admin.unitKinds.${u.kind}`)}</td>
                {canEdit ? (
                  <td>
                    <a href={`?edit=${u.id}`} aria-label={`${t('admin.common.edit')} ${label(u)}`}>
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
        <Form method="post" className="form" {...getFormProps(form)} aria-labelledby="unit-form">
          <FormHeading
            id="unit-form"
            title={t('admin.units.new')}
            editing={editing ? label(editing) : null}
            cancelTo="/admin/units"
          />
          <FormErrors form={form} />
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <TextField field={fields.name} label={t('admin.fields.name')} />
          <TextField field={fields.nameEn} label={t('admin.fields.nameEn')} />
          <TextField
            field={fields.slug}
            label={t('admin.fields.slug')}
            hint={t('admin.fields.slugHint')}
            autoComplete="off"
          />
          <SelectField
            field={fields.kind}
            label={t('admin.fields.kind')}
            placeholder=""
            options={UNIT_KINDS.map((k) => ({ value: k, label: t(`admin.unitKinds.${k}`) }))}
          />
          <SelectField
            field={fields.parentId}
            label={t('admin.fields.parent')}
            placeholder={t('admin.fields.parentNone')}
            options={units
              .filter((u) => u.id !== editing?.id)
              .map((u) => ({ value: u.id, label: indented(u.depth, label(u)) }))}
          />
          <TextField field={fields.phone} label={t('admin.fields.phone')} type="tel" />
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
