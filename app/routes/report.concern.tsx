import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ReportErrorBoundary, ReportForm, type ReportActionData } from '../reporting/report-form'
import { reportFormAction, reportFormLoader } from '../reporting/report-submission.server'
import { metaT, pageMeta, useT } from '../ui/i18n'

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, metaT(matches)('report.form.concernTitle'))

export async function loader({ request }: LoaderFunctionArgs) {
  return reportFormLoader(request, 'concern')
}

export async function action({ request }: ActionFunctionArgs) {
  return reportFormAction(request, 'concern')
}

export default function ReportConcern() {
  const t = useT()
  const { options, idempotencyKey } = useLoaderData<typeof loader>()
  // The action answers with data(…, { status }); at run time the hook gets the data itself.
  const actionData = useActionData<typeof action>() as ReportActionData | undefined
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
