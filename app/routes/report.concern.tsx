import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { getDb } from '../platform/db.server'
import { localeFromRequest } from '../platform/i18n'
import { ReportErrorBoundary, ReportForm } from '../reporting/report-form'
import { reportAction } from '../reporting/report-route.server'
import { newReportForm } from '../reporting/report-submission.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('report.form.concernTitle'))

export async function loader({ request }: LoaderFunctionArgs) {
  return newReportForm(await getDb(), 'concern', localeFromRequest(request))
}

export const action = /* @__PURE__ */ reportAction('concern')

export default function ReportConcern() {
  const t = useT()
  const { options, idempotencyKey } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section>
      <h1>{t('report.form.concernTitle')}</h1>
      <p className="muted">{t('report.form.concernLead')}</p>
      <ReportForm
        kind="concern"
        options={options}
        idempotencyKey={idempotencyKey}
        actionData={actionData}
      />
    </section>
  )
}

export const ErrorBoundary = ReportErrorBoundary
