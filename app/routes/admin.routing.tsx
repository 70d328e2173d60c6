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
import { indented, RowAction, SavedNotice, type AdminReply } from '../admin/admin'
import { ErrorList, FormErrors, SelectField } from '../ui/forms'
import { getDb } from '../platform/db.server'
import {
  adminAction,
  deleteRoutingRule,
  listAreas,
  listCategories,
  listRoutingRules,
  listUnits,
  replyErrors,
  requireAdminReader,
  saveRoutingRule,
} from '../admin/admin.server'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'
import { id } from '../platform/validation'
import { useCanEdit } from './admin'

const RuleSchema = z.object({ categoryId: id, areaId: id, unitId: id })

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.routing.title'))

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminReader(request)
  const db = await getDb()
  const [rules, categories, areas, units] = await Promise.all([
    listRoutingRules(db),
    listCategories(db),
    listAreas(db),
    listUnits(db),
  ])
  return { rules, categories, areas, units }
}

export async function action({ request }: ActionFunctionArgs) {
  const { staff, form, db } = await adminAction(request)
  if (form.get('intent') === 'delete') {
    const ruleId = id.safeParse(form.get('id'))
    const deleted = ruleId.success ? await deleteRoutingRule(db, staff.id, ruleId.data) : null
    if (!deleted?.ok) return data({ rowErrors: ['admin.errors.notFound'] }, { status: 404 })
    return redirect('/admin/routing?deleted=1')
  }
  const submission = parseWithZod(form, { schema: RuleSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const saved = await saveRoutingRule(db, staff.id, submission.value)
  if (!saved.ok)
    return data({ result: submission.reply(replyErrors(saved.errors)) }, { status: 400 })
  return redirect(`/admin/routing?saved=${saved.value.id}`)
}

export default function AdminRouting() {
  const t = useT()
  const locale = useLocale()
  const canEdit = useCanEdit()
  const { rules, categories, areas, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as AdminReply<{ rowErrors?: string[] }>
  const [params] = useSearchParams()
  const [form, fields] = useForm({
    id: 'routing-rule',
    lastResult: actionData?.result,
    constraint: getZodConstraint(RuleSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RuleSchema }),
  })
  const en = locale === 'en'
  return (
    <section>
      <h1>{t('admin.routing.title')}</h1>
      <p className="muted">{t('admin.routing.lead')}</p>
      {params.get('saved') ? <SavedNotice>{t('admin.common.saved')}</SavedNotice> : null}
      {params.get('deleted') ? <SavedNotice>{t('admin.routing.deleted')}</SavedNotice> : null}
      <ErrorList errors={actionData?.rowErrors} />
      {rules.length === 0 ? (
        <p>{t('admin.routing.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('admin.common.count', { count: rules.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.fields.category')}</th>
                <th scope="col">{t('admin.fields.area')}</th>
                <th scope="col">{t('admin.fields.unit')}</th>
                {canEdit ? <th scope="col">{t('admin.common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => {
                const category = en ? r.categoryNameEn : r.categoryName
                const area = en ? r.areaNameEn : r.areaName
                return (
                  <tr key={r.id}>
                    <td>{category}</td>
                    <td>{area}</td>
                    <td>{en ? r.unitNameEn : r.unitName}</td>
                    {canEdit ? (
                      <td>
                        <RowAction
                          intent="delete"
                          id={r.id}
                          label={t('admin.routing.deleteLabel', { category, area })}
                        >
                          {t('admin.routing.delete')}
                        </RowAction>
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <Form method="post" className="form" {...getFormProps(form)} aria-labelledby="rule-form">
          <h2 id="rule-form">{t('admin.routing.new')}</h2>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="save" />
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
          <div>
            <button type="submit" className="button">
              {t('admin.common.save')}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  )
}
