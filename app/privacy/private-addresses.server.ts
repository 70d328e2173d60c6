import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'

type Reader = Kysely<Database> | Transaction<Database>

/** The address a report keeps private, as a list for publicText (empty when it is public). */
export function ownPrivateAddress(r: {
  address: string | null
  address_public: boolean
}): Array<string | null> {
  return r.address_public ? [] : [r.address]
}

/** A text about a report hides that report's private address. */
export async function reportPrivateAddresses(db: Reader, reportId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('reports')
    .select('address')
    .where('id', '=', reportId)
    .where('address_public', '=', false)
    .where('address', 'is not', null)
    .execute()
  return rows.map((r) => r.address!)
}

/** A text about a duty hides the private addresses of every report linked to it. */
export async function dutyPrivateAddresses(db: Reader, dutyId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('duty_reports as dr')
    .innerJoin('reports as r', 'r.id', 'dr.report_id')
    .select('r.address')
    .where('dr.duty_id', '=', dutyId)
    .where('r.address_public', '=', false)
    .where('r.address', 'is not', null)
    .execute()
  return rows.map((r) => r.address!)
}
