import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AdminForm, AdminPage, EditLink, useAdminForm } from '../admin/admin'
import { REPORT_KINDS } from '../admin/admin-options'
import {
  adminLoader,
  adminSaveAction,
  editedRow,
  type AdminAnswer,
} from '../admin/admin-route.server'
import { categoriesWithUnits, saveCategory } from '../admin/categories.server'
import { CategorySchema } from '../admin/reference-data-schema'
import { indented } from '../admin/tree'
import { SelectField, TextField } from '../ui/forms'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.categories.title'))

export const loader = /* @__PURE__ */ adminLoader(async (db, url) => {
  const { categories, units } = await categoriesWithUnits(db)
  return { categories, units, editing: editedRow(categories, url) }
})

export const action = /* @__PURE__ */ adminSaveAction(
  CategorySchema,
  saveCategory,
  '/admin/categories',
)

export default function AdminCategories() {
  const t = useT()
  const locale = useLocale()
  const { categories, units, editing } = useLoaderData<typeof loader>()
  const answer: AdminAnswer | undefined = useActionData<typeof action>()
  const [form, fields] = useAdminForm(CategorySchema, {
    id: `category-${editing?.id ?? 'new'}`,
    lastResult: answer?.result,
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
  })
  const en = locale === 'en'
  const name = (c: { name: string; nameEn: string }) => (en ? c.nameEn : c.name)
  return (
    <AdminPage
      title={t('admin.categories.title')}
      lead={t('admin.categories.lead')}
      rows={categories}
      columns={[
        {
          header: t('admin.fields.name'),
          cell: (c) => (
            <>
              {name(c)}
              <br />
              <code className="muted">{c.slug}</code>
            </>
          ),
        },
        { header: t('admin.fields.kind'), cell: (c) => t(`admin.reportKinds.${c.kind}`) },
        {
          header: t('admin.fields.limits'),
          cell: (c) =>
            t('admin.categories.limits', {
              response: c.responseDays,
              resolution: c.resolutionDays,
            }),
        },
        { header: t('admin.fields.defaultUnit'), cell: (c) => (en ? c.unitNameEn : c.unitName) },
      ]}
      rowActions={(c) => <EditLink id={c.id} label={`${t('admin.common.edit')} ${name(c)}`} />}
    >
      <AdminForm
        form={form}
        headingId="category-form"
        title={t('admin.categories.new')}
        editing={editing ? { id: editing.id, name: name(editing) } : null}
      >
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
            label: indented(u.depth, en ? u.nameEn : u.name),
          }))}
        />
      </AdminForm>
    </AdminPage>
  )
}
