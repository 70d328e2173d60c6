import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AdminForm, AdminPage, EditLink, useAdminForm } from '../admin/admin'
import { AREA_LEVELS } from '../admin/admin-options'
import {
  adminLoader,
  adminSaveAction,
  editedRow,
  type AdminAnswer,
} from '../admin/admin-route.server'
import { listAreas, saveArea } from '../admin/areas.server'
import { AreaSchema } from '../admin/reference-data-schema'
import { indented } from '../admin/tree'
import { SelectField, TextField } from '../ui/forms'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.areas.title'))

export const loader = /* @__PURE__ */ adminLoader(async (db, url) => {
  const areas = await listAreas(db)
  return { areas, editing: editedRow(areas, url) }
})

export const action = /* @__PURE__ */ adminSaveAction(AreaSchema, saveArea, '/admin/areas')

export default function AdminAreas() {
  const t = useT()
  const locale = useLocale()
  const { areas, editing } = useLoaderData<typeof loader>()
  const answer: AdminAnswer | undefined = useActionData<typeof action>()
  const [form, fields] = useAdminForm(AreaSchema, {
    id: `area-${editing?.id ?? 'new'}`,
    lastResult: answer?.result,
    defaultValue: editing
      ? {
          code: editing.code,
          name: editing.name,
          nameEn: editing.nameEn,
          level: editing.level,
          parentId: editing.parentId ? String(editing.parentId) : '',
        }
      : undefined,
  })
  const name = (a: { name: string; nameEn: string }) => (locale === 'en' ? a.nameEn : a.name)
  return (
    <AdminPage
      title={t('admin.areas.title')}
      lead={t('admin.areas.lead')}
      rows={areas}
      columns={[
        { header: t('admin.fields.name'), cell: (a) => indented(a.depth, name(a)) },
        { header: t('admin.fields.level'), cell: (a) => t(`admin.levels.${a.level}`) },
        { header: t('admin.fields.code'), cell: (a) => <code>{a.code}</code> },
      ]}
      rowActions={(a) => <EditLink id={a.id} label={`${t('admin.common.edit')} ${name(a)}`} />}
    >
      <AdminForm
        form={form}
        headingId="area-form"
        title={t('admin.areas.new')}
        editing={editing ? { id: editing.id, name: name(editing) } : null}
      >
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
      </AdminForm>
    </AdminPage>
  )
}
