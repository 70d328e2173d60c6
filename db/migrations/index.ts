import type { Migration, MigrationProvider } from 'kysely/migration'
import * as m0001 from './0001_initial'
import * as m0002 from './0002_duties'
import * as m0003 from './0003_public_verdict'
import * as m0004 from './0004_accountability'
import * as m0006 from './0006_audit_chain'
import * as m0007 from './0007_performance'

// Listed by hand so the production bundle carries every migration without reading the disk.
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_duties': m0002,
  '0003_public_verdict': m0003,
  '0004_accountability': m0004,
  '0006_audit_chain': m0006,
  '0007_performance': m0007,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
