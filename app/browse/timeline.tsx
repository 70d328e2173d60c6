import type { AttachmentTable } from '../../db/schema'
import type { MessageKey } from '../locales/types'
import { formatDate, formatDateTime, type Translate } from '../platform/i18n'
import { useLocale, useT } from '../ui/i18n'

/** The label of an event type or level, or null when it has none (the translator gives the key back). */
function label(t: Translate, key: string): string | null {
  const text = t(key as MessageKey)
  return text === key ? null : text
}

/** A timeline entry as loaders send it (dates as ISO strings after serialisation). */
export interface TimelineItem {
  id: string
  type: string
  at: string | Date
  logIndex?: number | null
  data: Record<string, unknown>
  progress?: {
    body: string
    percent: number
    photos: Array<{
      key: string
      role: AttachmentTable['role']
      width: number | null
      height: number | null
    }>
  }
  callbackBy?: { name: string; nameEn: string } | null
}

/** The public history of a report or a duty, oldest first. */
export function Timeline({
  entries,
  headingLevel = 2,
}: {
  entries: TimelineItem[]
  headingLevel?: 2 | 3
}) {
  const t = useT()
  const locale = useLocale()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section aria-labelledby="timeline-heading">
      <Heading id="timeline-heading">{t('timeline.heading')}</Heading>
      {entries.length === 0 ? (
        <p>{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e) => {
            const type = e.type.replace('.', '_')
            const reason = typeof e.data.reason === 'string' ? e.data.reason : null
            const summary = typeof e.data.summary === 'string' ? e.data.summary : null
            const deadline = typeof e.data.deadline === 'string' ? e.data.deadline : null
            const level = typeof e.data.level === 'number' ? String(e.data.level) : null
            const levelName = level ? label(t, `timeline.levels.${level}`) : null
            const step =
              e.type === 'duty.milestone' && typeof e.data.title === 'string' ? e.data.title : null
            const note = typeof e.data.note === 'string' ? e.data.note : null
            const decision =
              e.data.decision === 'upheld' || e.data.decision === 'rejected'
                ? e.data.decision
                : null
            return (
              <li key={e.id} data-event={e.type}>
                <p className="feed__meta">
                  <time dateTime={new Date(e.at).toISOString()}>
                    {formatDateTime(new Date(e.at), locale)}
                  </time>
                  {typeof e.logIndex === 'number' ? (
                    <>
                      {' · '}
                      <a
                        href={`/transparency/proof/${e.logIndex}`}
                        title={t('transparency.loggedTitle')}
                      >
                        {t('transparency.logged', { index: e.logIndex })}
                      </a>
                    </>
                  ) : null}
                </p>
                <p className="feed__title">
                  {label(t, `timeline.types.${type}`) ?? t('timeline.other')}
                </p>
                {reason ? <p>{t('timeline.reason', { reason })}</p> : null}
                {summary ? <p>{t('timeline.summary', { summary })}</p> : null}
                {step ? <p>{t('duties.timeline.milestone', { title: step })}</p> : null}
                {deadline ? (
                  <p>{t('timeline.deadline', { deadline: formatDate(deadline, locale) })}</p>
                ) : null}
                {level ? (
                  <p>
                    {t('timeline.rated', {
                      level: levelName ?? level,
                    })}{' '}
                    {e.data.reporter ? t('timeline.reporterRating') : t('timeline.publicRating')}
                    {e.data.changed ? ` ${t('timeline.changedRating')}` : null}
                  </p>
                ) : null}
                {decision ? <p>{t(`timeline.decisions.${decision}`)}</p> : null}
                {e.callbackBy !== undefined ? (
                  <p>
                    {t('timeline.callback', {
                      by: e.callbackBy
                        ? locale === 'en'
                          ? e.callbackBy.nameEn
                          : e.callbackBy.name
                        : t('timeline.office'),
                      date: formatDate(new Date(e.at), locale),
                    })}
                  </p>
                ) : null}
                {note ? <p>{t('timeline.note', { note })}</p> : null}
                {e.progress ? (
                  <>
                    {e.progress.body !== summary ? <p>{e.progress.body}</p> : null}
                    <p className="muted">
                      {t('timeline.percent', { percent: e.progress.percent })}
                    </p>
                    {e.progress.photos.length ? (
                      <ul className="photos">
                        {e.progress.photos.map((p) => (
                          <li key={p.key}>
                            <figure>
                              <img
                                src={`/media/${p.key}`}
                                alt={`${t('timeline.photo')}: ${t(`timeline.photoRoles.${p.role}`)}`}
                                width={p.width ?? undefined}
                                height={p.height ?? undefined}
                                loading="lazy"
                              />
                              <figcaption>{t(`timeline.photoRoles.${p.role}`)}</figcaption>
                            </figure>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
