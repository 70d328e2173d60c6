import { getFormProps, useForm } from '@conform-to/react'
import { redirect, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { AdminForm, AdminPage, EditLink, useAdminForm } from '../admin/admin'
import { AREA_LEVELS } from '../admin/admin-options'
import {
  adminAction,
  adminLoader,
  editedRow,
  rowAction,
  submitForm,
  type AdminAnswer,
} from '../admin/admin-route.server'
import { listAreas, saveArea, saveBoundary, type AreaRow } from '../admin/areas.server'
import { AreaSchema, BoundarySchema } from '../admin/reference-data-schema'
import { indented } from '../admin/tree'
import { ErrorList, FormErrors, SelectField, TextareaField, TextField } from '../ui/forms'
import { metaT, pageMeta, useLocale, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.areas.title'))

export const loader = /* @__PURE__ */ adminLoader(async (db, url) => {
  const areas = await listAreas(db)
  return { areas, editing: editedRow(areas, url) }
})

/** Room for a 200 KB boundary, sent as a file or as text, with the form around it. */
const MAX_FORM_BYTES = 1024 * 1024

export const action = /* @__PURE__ */ adminAction(
  async ({ staff, db, form }) => {
    const intent = form.get('intent')
    const backToArea = (saved: { id: number }) =>
      redirect(`/admin/areas?edit=${saved.id}&saved=${saved.id}#boundary-form`)
    if (intent === 'boundary-clear')
      return rowAction(form, async (id) => backToArea(await saveBoundary(db, staff.id, id, null)))
    if (intent === 'boundary') {
      // A chosen file wins over pasted text; either way the schema reads the text.
      const file = form.get('boundaryFile')
      form.delete('boundaryFile')
      if (file !== null && typeof file !== 'string' && file.size > 0)
        form.set('boundary', await file.text())
      return submitForm(
        form,
        BoundarySchema,
        (value) => saveBoundary(db, staff.id, value.id, value.boundary),
        backToArea,
      )
    }
    return submitForm(
      form,
      AreaSchema,
      (value) => saveArea(db, staff.id, value),
      (saved) => redirect(`/admin/areas?saved=${saved.id}`),
    )
  },
  { maxBytes: MAX_FORM_BYTES },
)

export default function AdminAreas() {
  const t = useT()
  const locale = useLocale()
  const { areas, editing } = useLoaderData<typeof loader>()
  const answer: AdminAnswer | undefined = useActionData<typeof action>()
  const [form, fields] = useAdminForm(AreaSchema, {
    id: `area-${editing?.id ?? 'new'}`,
    lastResult: answer?.intent === null ? answer.result : undefined,
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
        {
          header: t('admin.areas.boundaryColumn'),
          cell: (a) =>
            a.level === 'street'
              ? t(a.bounded ? 'admin.areas.boundarySet' : 'admin.areas.boundaryNone')
              : null,
        },
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
      {editing?.level === 'street' ? (
        <BoundaryForm
          area={editing}
          name={name(editing)}
          answer={answer?.intent?.startsWith('boundary') ? answer : undefined}
        />
      ) : null}
    </AdminPage>
  )
}

/**
 * A street's map boundary: a GeoJSON file or pasted text, checked on the server (the browser
 * cannot put a chosen file's text into the form), with the error beside the text.
 */
function BoundaryForm({
  area,
  name,
  answer,
}: {
  area: AreaRow
  name: string
  answer: AdminAnswer | undefined
}) {
  const t = useT()
  const [form, fields] = useForm<{ id: string; boundary: string }>({
    id: `boundary-${area.id}`,
    lastResult: answer?.result,
    shouldValidate: 'onSubmit',
  })
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="form"
      {...getFormProps(form)}
      aria-labelledby="boundary-form"
    >
      <h2 id="boundary-form">
        {t('admin.areas.boundary')} · {name}
      </h2>
      <p className="muted">{t('admin.areas.boundaryLead')}</p>
      <p>{t(area.bounded ? 'admin.areas.boundarySet' : 'admin.areas.boundaryNone')}</p>
      <FormErrors form={form} />
      {answer?.rowErrors?.length ? <ErrorList errors={answer.rowErrors} /> : null}
      <input type="hidden" name="id" value={area.id} />
      <div className="field">
        <label htmlFor={`${form.id}-file`}>{t('admin.areas.boundaryFile')}</label>
        <input
          id={`${form.id}-file`}
          type="file"
          name="boundaryFile"
          accept=".geojson,.json,application/geo+json,application/json"
          aria-describedby={fields.boundary.errors?.length ? fields.boundary.errorId : undefined}
        />
      </div>
      <TextareaField field={fields.boundary} label={t('admin.areas.boundaryText')} rows={4} />
      <div className="inline-form">
        <button type="submit" name="intent" value="boundary" className="button">
          {t('admin.areas.boundarySave')}
        </button>
        {area.bounded ? (
          <button
            type="submit"
            name="intent"
            value="boundary-clear"
            className="button button--secondary"
            formNoValidate
          >
            {t('admin.areas.boundaryClear')}
          </button>
        ) : null}
      </div>
    </Form>
  )
}
