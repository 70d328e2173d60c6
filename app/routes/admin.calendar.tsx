import type { MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { AdminForm, AdminPage, RowAction, useAdminForm, useCanEdit } from '../admin/admin'
import {
  adminAction,
  adminLoader,
  rowAction,
  submitForm,
  type AdminAnswer,
} from '../admin/admin-route.server'
import {
  addCalendarDays,
  completeCalendarYear,
  deleteCalendarDay,
  listCalendarYears,
  listYearDays,
  saveCalendarDay,
} from '../calendar/calendar-admin.server'
import { CalendarDaySchema, CalendarLinesSchema } from '../calendar/calendar-schema'
import { DomainError } from '../platform/errors'
import { isRealDay, message } from '../platform/text'
import { SelectField, TextareaField, TextField } from '../ui/forms'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('admin.calendar.title'))

export const loader = /* @__PURE__ */ adminLoader(async (db, url) => {
  const years = await listCalendarYears(db)
  const asked = Number(url.searchParams.get('year'))
  // Without a choice: the first year still to enter, else this year.
  const year =
    years.find((y) => y.year === asked)?.year ??
    [...years].reverse().find((y) => !y.source)?.year ??
    years[years.length - 1]!.year
  const days = await listYearDays(db, year)
  const edit = url.searchParams.get('edit')
  return { years, year, days, editing: days.find((d) => d.day === edit) ?? null }
})

const toYear = ({ year }: { year: number }) => redirect(`/admin/calendar?year=${year}&saved=1`)

export const action = /* @__PURE__ */ adminAction(async ({ staff, db, form }) => {
  const intent = form.get('intent')
  if (intent === 'complete')
    return rowAction(form, async (year) => toYear(await completeCalendarYear(db, staff.id, year)))
  if (intent === 'delete') {
    const day = String(form.get('day') ?? '')
    if (isRealDay(day)) {
      try {
        return toYear(await deleteCalendarDay(db, staff.id, day))
      } catch (error) {
        if (!(error instanceof DomainError)) throw error
      }
    }
    return data<AdminAnswer>(
      { intent, rowErrors: [message('admin.errors.notFound')] },
      { status: 404 },
    )
  }
  if (intent === 'day')
    return submitForm(
      form,
      CalendarDaySchema,
      (entry) => saveCalendarDay(db, staff.id, entry),
      toYear,
    )
  return submitForm(
    form,
    CalendarLinesSchema,
    (value) => addCalendarDays(db, staff.id, value.lines),
    toYear,
  )
})

export default function AdminCalendar() {
  const t = useT()
  const canEdit = useCanEdit()
  const { years, year, days, editing } = useLoaderData<typeof loader>()
  const answer: AdminAnswer | undefined = useActionData<typeof action>()
  const [linesForm, linesFields] = useAdminForm(CalendarLinesSchema, {
    id: 'calendar-lines',
    lastResult: answer?.intent === 'lines' ? answer.result : undefined,
  })
  const [dayForm, dayFields] = useAdminForm(CalendarDaySchema, {
    id: `calendar-day-${editing?.day ?? 'new'}`,
    lastResult: answer?.intent === 'day' ? answer.result : undefined,
    defaultValue: editing ?? { kind: 'holiday' },
  })
  const state = (y: (typeof years)[number]) =>
    y.source === 'admin'
      ? t('admin.calendar.state.admin')
      : y.source
        ? t('admin.calendar.state.package')
        : t('admin.calendar.state.missing')
  return (
    <AdminPage
      title={t('admin.calendar.title')}
      lead={t('admin.calendar.lead')}
      rowErrors={answer?.rowErrors}
      rows={years}
      columns={[
        {
          header: t('admin.calendar.year'),
          cell: (y) => <a href={`?year=${y.year}`}>{y.year}</a>,
        },
        { header: t('admin.calendar.stateHeader'), cell: state },
        { header: t('admin.calendar.holidays'), cell: (y) => y.holidays },
        { header: t('admin.calendar.workdays'), cell: (y) => y.workdays },
      ]}
      rowActions={(y) =>
        y.source ? null : (
          <RowAction
            intent="complete"
            id={y.year}
            label={t('admin.calendar.completeLabel', { year: y.year })}
          >
            {t('admin.calendar.complete')}
          </RowAction>
        )
      }
    >
      <AdminForm
        form={linesForm}
        headingId="calendar-lines-form"
        title={t('admin.calendar.addTitle')}
        intent="lines"
        submitLabel={t('admin.calendar.add')}
      >
        <TextareaField
          field={linesFields.lines}
          label={t('admin.calendar.lines')}
          hint={t('admin.calendar.linesHint')}
          rows={10}
        />
      </AdminForm>
      <section aria-labelledby="calendar-days">
        <h2 id="calendar-days">{t('admin.calendar.daysOf', { year })}</h2>
        {days.length === 0 ? (
          <p>{t('admin.calendar.noDays')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.calendar.day')}</th>
                  <th scope="col">{t('admin.calendar.kind')}</th>
                  <th scope="col">{t('admin.calendar.name')}</th>
                  {canEdit ? <th scope="col">{t('admin.common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.day}>
                    <td>{d.day}</td>
                    <td>{t(`admin.calendar.kinds.${d.kind}`)}</td>
                    <td>{d.name}</td>
                    {canEdit ? (
                      <td>
                        <a
                          href={`?year=${year}&edit=${d.day}`}
                          aria-label={`${t('admin.common.edit')} ${d.day}`}
                        >
                          {t('admin.common.edit')}
                        </a>{' '}
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="day" value={d.day} />
                          <button
                            type="submit"
                            className="button button--secondary"
                            aria-label={`${t('admin.calendar.delete')} ${d.day}`}
                          >
                            {t('admin.calendar.delete')}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <AdminForm
        form={dayForm}
        headingId="calendar-day-form"
        title={t('admin.calendar.dayTitle')}
        intent="day"
        submitLabel={t('admin.common.save')}
        editing={editing ? { id: 0, name: editing.day } : null}
      >
        <TextField field={dayFields.day} type="date" label={t('admin.calendar.day')} />
        <SelectField
          field={dayFields.kind}
          label={t('admin.calendar.kind')}
          placeholder=""
          options={(['holiday', 'workday'] as const).map((k) => ({
            value: k,
            label: t(`admin.calendar.kinds.${k}`),
          }))}
        />
        <TextField field={dayFields.name} label={t('admin.calendar.name')} />
      </AdminForm>
    </AdminPage>
  )
}
