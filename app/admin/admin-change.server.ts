import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import type { MessageKey } from '../locales/types'
import { forgetCached } from '../platform/cache.server'
import { DomainError } from '../platform/errors'
import { appendEvent } from '../platform/event.server'

/**
 * How the operator's changes are written: each is one transaction with its (non-public) event,
 * and a change that our checks or a database constraint refuse names the field it concerns.
 */

/**
 * A refusal that belongs beside form fields (a taken slug, a parent that does not fit), so the
 * admin form can show it there; anywhere else it is an ordinary DomainError.
 */
export class FieldRefusal extends DomainError {
  constructor(readonly fields: Record<string, MessageKey>) {
    super(400, Object.values(fields)[0] ?? 'admin.errors.constraint')
  }
}

/** Which field each named constraint speaks about, and what to tell the operator. */
const constraintFields: Record<string, { field: string; key: MessageKey }> = {
  units_slug_key: { field: 'slug', key: 'admin.errors.slugTaken' },
  categories_slug_key: { field: 'slug', key: 'admin.errors.slugTaken' },
  areas_code_key: { field: 'code', key: 'admin.errors.codeTaken' },
  staff_users_email_key: { field: 'email', key: 'admin.errors.emailTaken' },
  areas_parent_by_level: { field: 'parentId', key: 'admin.errors.areaParent' },
  staff_users_unit_by_role: { field: 'unitId', key: 'admin.errors.unitForRole' },
  categories_limits_order: { field: 'resolutionDays', key: 'admin.errors.limitsOrder' },
  routing_rules_category_area: { field: 'areaId', key: 'admin.errors.ruleExists' },
}

function refusalFor(error: unknown): DomainError | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || !error.code) return null
  const known =
    'constraint' in error && typeof error.constraint === 'string'
      ? constraintFields[error.constraint]
      : undefined
  if (known) return new FieldRefusal({ [known.field]: known.key })
  // A referenced row that vanished meanwhile, or another check: a form-level message.
  if (error.code === '23503' || error.code === '23514' || error.code === '23505')
    return new DomainError(400, 'admin.errors.constraint')
  return null
}

/** Runs `work` in one transaction; the reference data that pages keep in memory is read anew. */
export async function change<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    const value = await db.transaction().execute(work)
    forgetCached('reference:')
    return value
  } catch (error) {
    throw refusalFor(error) ?? error
  }
}

/** The change's event: who did it, never shown to the public. */
export async function record(
  trx: Transaction<Database>,
  staffId: number,
  type: string,
  data: Record<string, unknown>,
): Promise<void> {
  await appendEvent(trx, { type, actor: `staff:${staffId}`, public: false, data })
}

/** The row a save or row action names is gone (deleted meanwhile, or a crafted id). */
export function vanished(status: 400 | 404 = 400): DomainError {
  return new DomainError(status, 'admin.errors.notFound')
}
