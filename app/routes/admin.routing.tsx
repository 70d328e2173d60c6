import type { MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { AdminForm, AdminPage, RowAction, SavedNotice, useAdminForm } from '../admin/admin'
import {
  adminAction,
  adminLoader,
  rowAction,
  submitForm,
  type AdminAnswer,
} from '../admin/admin-route.server'
import { RoutingRuleSchema } from '../admin/reference-data-schema'
import {
  deleteRoutingRule,
  routingRulesWithChoices,
  saveRoutingRule,
} from '../admin/routing-rules.server'
import { indented } from '../admin/tree'
import { SelectField } from '../ui/forms'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.routing.title'))

export const loader = /* @__PURE__ */ adminLoader((db) => routingRulesWithChoices(db))

export const action = /* @__PURE__ */ adminAction(({ staff, db, form }) =>
  form.get('intent') === 'delete'
    ? rowAction(form, async (ruleId) => {
        await deleteRoutingRule(db, staff.id, ruleId)
        return redirect('/admin/routing?deleted=1')
      })
    : submitForm(
        form,
        RoutingRuleSchema,
        (rule) => saveRoutingRule(db, staff.id, rule),
        (saved) => redirect(`/admin/routing?saved=${saved.id}`),
      ),
)

export default function AdminRouting() {
  const t = useT()
  const locale = useLocale()
  const { rules, categories, areas, units } = useLoaderData<typeof loader>()
  const answer: AdminAnswer | undefined = useActionData<typeof action>()
  const [params] = useSearchParams()
  const [form, fields] = useAdminForm(RoutingRuleSchema, {
    id: 'routing-rule',
    lastResult: answer?.result,
  })
  const en = locale === 'en'
  return (
    <AdminPage
      title={t('admin.routing.title')}
      lead={t('admin.routing.lead')}
      notices={
        params.get('deleted') ? <SavedNotice>{t('admin.routing.deleted')}</SavedNotice> : null
      }
      rowErrors={answer?.rowErrors}
      rows={rules}
      empty={t('admin.routing.empty')}
      columns={[
        {
          header: t('admin.fields.category'),
          cell: (r) => (en ? r.categoryNameEn : r.categoryName),
        },
        { header: t('admin.fields.area'), cell: (r) => (en ? r.areaNameEn : r.areaName) },
        { header: t('admin.fields.unit'), cell: (r) => (en ? r.unitNameEn : r.unitName) },
      ]}
      rowActions={(r) => (
        <RowAction
          intent="delete"
          id={r.id}
          label={t('admin.routing.deleteLabel', {
            category: en ? r.categoryNameEn : r.categoryName,
            area: en ? r.areaNameEn : r.areaName,
          })}
        >
          {t('admin.routing.delete')}
        </RowAction>
      )}
    >
      <AdminForm
        form={form}
        headingId="rule-form"
        title={t('admin.routing.new')}
        intent="save"
        submitLabel={t('admin.common.save')}
      >
        <SelectField
          field={fields.categoryId}
          label={t('admin.fields.category')}
          placeholder=""
          options={categories.map((c) => ({ value: c.id, label: en ? c.nameEn : c.name }))}
        />
        <SelectField
          field={fields.areaId}
          label={t('admin.fields.area')}
          placeholder=""
          options={areas.map((a) => ({
            value: a.id,
            label: indented(a.depth, en ? a.nameEn : a.name),
          }))}
        />
        <SelectField
          field={fields.unitId}
          label={t('admin.fields.unit')}
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
