import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { isRatingLevel, levelKey, ratingLevels, type Distribution } from './rating'
import { levelChoices, PublicRatingSchema, ReporterRatingSchema } from './rating-schema'
import { useT } from '../ui/i18n'
import { FormErrors, RadioGroupField, TextareaField, validationTiming } from '../ui/forms'

/** A rating level's name (非常满意 … 非常不满意). */
export function LevelName({ level }: { level: number }) {
  const t = useT()
  return <>{isRatingLevel(level) ? t(levelKey(level)) : level}</>
}

function DistributionTable({ title, d }: { title: string; d: Distribution }) {
  const t = useT()
  return (
    <div className="rating-dist">
      <h3>{title}</h3>
      <p>
        {t('verdict.ratings.count', { count: d.total })}
        {d.satisfaction !== null
          ? ` · ${t('verdict.ratings.satisfaction', { percent: d.satisfaction })}`
          : ''}
      </p>
      {d.total ? (
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('verdict.ratings.level')}</th>
              <th scope="col">{t('verdict.ratings.number')}</th>
            </tr>
          </thead>
          <tbody>
            {ratingLevels.map((l) => (
              <tr key={l}>
                <th scope="row">{t(levelKey(l))}</th>
                <td>{d.levels[l]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}

/** Reporters' ratings apart from the public's, each with its distribution. */
export function RatingSummary({
  reporters,
  publicRatings,
}: {
  reporters: Distribution
  publicRatings: Distribution
}) {
  const t = useT()
  return (
    <div className="rating-summary">
      <DistributionTable title={t('verdict.ratings.reporters')} d={reporters} />
      <DistributionTable title={t('verdict.ratings.public')} d={publicRatings} />
    </div>
  )
}

export function RatingForm({
  lastResult,
  own,
  reasonRequired,
  legend,
}: {
  lastResult?: SubmissionResult<string[]>
  own: { level: number; reason: string | null } | null
  reasonRequired: boolean
  legend: string
}) {
  const t = useT()
  const schema = reasonRequired ? ReporterRatingSchema : PublicRatingSchema
  const [form, fields] = useForm({
    id: 'rating-form',
    lastResult,
    defaultValue: own ? { level: String(own.level), reason: own.reason ?? '' } : undefined,
    constraint: getZodConstraint(schema),
    ...validationTiming,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="rate" />
      <RadioGroupField
        field={fields.level}
        label={legend}
        options={levelChoices.map((l) => ({ value: l, label: t(`timeline.levels.${l}`) }))}
      />
      <TextareaField
        field={fields.reason}
        label={reasonRequired ? t('verdict.rate.reasonReporter') : t('verdict.rate.reason')}
        hint={reasonRequired ? t('verdict.rate.reasonReporterHint') : t('verdict.rate.reasonHint')}
        rows={3}
      />
      <div>
        <button type="submit" className="button">
          {own ? t('verdict.rate.change') : t('verdict.rate.submit')}
        </button>
      </div>
    </Form>
  )
}
