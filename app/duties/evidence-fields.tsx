import { ErrorList } from '../ui/forms'
import { useT } from '../ui/i18n'
import { MAX_EVIDENCE } from './duty-schema'

/** Before and after evidence photos of a form; their errors come from the form's own. */
export function EvidenceFields({
  formId,
  errors,
}: {
  formId: string
  errors: Record<string, string[] | undefined>
}) {
  const t = useT()
  return (
    <>
      {(['before', 'after'] as const).map((role) => {
        const id = `${formId}-${role}`
        const errorId = `${id}-error`
        return (
          <div className="field" key={role}>
            <label htmlFor={id}>{t(`duties.photos.${role}`)}</label>
            <span id={`${id}-hint`} className="field__hint">
              {t('duties.photos.hint', { max: MAX_EVIDENCE })}
            </span>
            <input
              id={id}
              type="file"
              name={role}
              accept="image/jpeg,image/png,image/webp"
              multiple
              aria-describedby={errors[role]?.length ? `${id}-hint ${errorId}` : `${id}-hint`}
            />
            <ErrorList id={errorId} errors={errors[role]} />
          </div>
        )
      })}
    </>
  )
}
