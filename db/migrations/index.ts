import type { Migration, MigrationProvider } from 'kysely/migration'
import * as m0001 from './0001_baseline'
import * as m0002 from './0002_reporter_privacy'
import * as m0004 from './0004_transparency_log'
import * as m0005 from './0005_superseded_ratings'
import * as m0007 from './0007_indexes'
import * as m0008 from './0008_sms_outbox'
import * as m0009 from './0009_calendar'
import * as m0010 from './0010_area_boundaries'

// Listed by hand so the production bundle carries every migration without reading the disk.
// A landed migration is never edited: checksums.json holds each file's hash, and
// tests/unit/layout.test.ts fails when one changes or a new one is missing from it.
const migrations: Record<string, Migration> = {
  '0001_baseline': m0001,
  '0002_reporter_privacy': m0002,
  '0004_transparency_log': m0004,
  '0005_superseded_ratings': m0005,
  '0007_indexes': m0007,
  '0008_sms_outbox': m0008,
  '0009_calendar': m0009,
  '0010_area_boundaries': m0010,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
