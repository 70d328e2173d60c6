import type { MessageKey } from '../locales/types'
import { message } from './text'

/**
 * The one error that domain code throws: an HTTP status and a message key (with its values)
 * that the page shows in the reader's language. `formAction` turns it into a form reply, and
 * a loader that lets it escape gets a plain response with that status (see `errorResponse`).
 * A value written as `t:some.key` is itself translated when shown (a status name, an action).
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly values?: Record<string, string | number>,
  ) {
    super(key)
    this.name = 'DomainError'
  }

  /** The encoded message that `ErrorList` shows. */
  get text(): string {
    return message(this.key, this.values)
  }
}

export function notFound(): DomainError {
  return new DomainError(404, 'common.error.notFound')
}
