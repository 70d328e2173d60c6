import { sql, type Kysely } from 'kysely'

/**
 * Each street's boundary for the area map (issue 17): a GeoJSON MultiPolygon that the admin
 * uploads, checked by the form and kept to that one shape here; null until uploaded. The map's
 * open count reads pending reports by area, so they get an index of their own (the open duties
 * are found through duties_status_deadline).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('areas').addColumn('boundary', 'jsonb').execute()
  await sql`alter table areas add constraint areas_boundary_shape check (
    boundary is null or (
      boundary->>'type' = 'MultiPolygon' and jsonb_typeof(boundary->'coordinates') = 'array'
    )
  )`.execute(db)
  await sql`create index reports_pending_area on reports (area_id) where status = 'pending'`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists reports_pending_area`.execute(db)
  await db.schema.alterTable('areas').dropColumn('boundary').execute()
}
