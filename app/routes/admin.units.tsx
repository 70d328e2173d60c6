import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AdminForm, AdminPage, EditLink, useAdminForm } from '../admin/admin'
import { UNIT_KINDS } from '../admin/admin-options'
import {
  adminLoader,
  adminSaveAction,
  editedRow,
  type AdminAnswer,
} from '../admin/admin-route.server'
import { UnitSchema } from '../admin/reference-data-schema'
import { indented } from '../admin/tree'
import { listUnits, saveUnit } from '../admin/units.server'
import { SelectField, TextField } from '../ui/forms'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.units.title'))

export const loader = /* @__PURE__ */ adminLoader(async (db, url) => {
  const units = await listUnits(db)
  return { units, editing: editedRow(units, url) }
})

export const action = /* @__PURE__ */ adminSaveAction(UnitSchema, saveUnit, '/admin/units')

export default function AdminUnits() {
  const t = useT()
  const locale = useLocale()
  const { units, editing } = useLoaderData<typeof loader>()
  const answer: AdminAnswer | undefined = useActionData<typeof action>()
  const [form, fields] = useAdminForm(UnitSchema, {
    id: `unit-${editing?.id ?? 'new'}`,
    lastResult: answer?.result,
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
  })
  const label = (u: { name: string; nameEn: string }) => (locale === 'en' ? u.nameEn : u.name)
  return (
    <AdminPage
      title={t('admin.units.title')}
      lead={t('admin.units.lead')}
      rows={units}
      columns={[
        {
          header: t('admin.fields.name'),
          cell: (u) => (
            <>
              {indented(u.depth, u.name)}
              <br />
              <span className="muted">{u.nameEn}</span>
            </>
          ),
        },
        { header: t('admin.fields.slug'), cell: (u) => <code>{u.slug}</code> },
        { header: t('admin.fields.kind'), cell: (u) => t(`admin.unitKinds.${u.kind}`) },
      ]}
      rowActions={(u) => <EditLink id={u.id} label={`${t('admin.common.edit')} ${label(u)}`} />}
    >
      <AdminForm
        form={form}
        headingId="unit-form"
        title={t('admin.units.new')}
        editing={editing ? { id: editing.id, name: label(editing) } : null}
      >
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
      </AdminForm>
    </AdminPage>
  )
}
