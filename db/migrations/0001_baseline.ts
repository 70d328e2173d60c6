import { sql, type Kysely } from 'kysely'

/**
 * The schema as the project first ships it, folded from the migrations written while it was
 * built (docs/decisions/021-migration-baseline.md). A migration is frozen in time: it takes
 * Kysely<any>, never imports the live schema, and is never edited once landed
 * (db/migrations/checksums.json).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm with schema public`.execute(db)

  await db.schema
    .createTable('units')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('office', 'street', 'department', 'enterprise_service')`),
    )
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('phone', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('areas')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) =>
      c.notNull().check(sql`level in ('district', 'street', 'community')`),
    )
    .addColumn('parent_id', 'integer', (c) => c.references('areas.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('areas_parent_by_level', sql`(level = 'district') = (parent_id is null)`)
    .execute()

  await db.schema
    .createTable('categories')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('concern', 'demand')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('response_days', 'integer', (c) =>
      c.notNull().check(sql`response_days between 1 and 60`),
    )
    .addColumn('resolution_days', 'integer', (c) =>
      c.notNull().check(sql`resolution_days between 1 and 365`),
    )
    .addColumn('default_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('categories_limits_order', sql`response_days <= resolution_days`)
    .execute()

  await db.schema
    .createTable('routing_rules')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('category_id', 'integer', (c) =>
      c.notNull().references('categories.id').onDelete('cascade'),
    )
    .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addUniqueConstraint('routing_rules_category_area', ['category_id', 'area_id'])
    .execute()

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('coordinator', 'unit_staff', 'admin')`),
    )
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'staff_users_unit_by_role',
      sql`(role = 'unit_staff') = (unit_id is not null)`,
    )
    .execute()

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_user_id', 'integer', (c) =>
      c.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('public_users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('blocked_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('public_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('public_user_id', 'integer', (c) =>
      c.notNull().references('public_users.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('otp_challenges')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('topics')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'concluded')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('reports')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('follow_token', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('concern', 'demand')`))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 4 and 80`))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 10 and 2000`))
    .addColumn('address', 'text')
    .addColumn('address_public', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('contact_name', 'text')
    .addColumn('contact_mobile', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('display', 'text', (c) => c.notNull().check(sql`display in ('masked', 'anonymous')`))
    .addColumn('company_name', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('demand_type', 'text', (c) =>
      c.check(
        sql`demand_type in ('policy', 'approval', 'financing', 'hiring', 'premises', 'inspection', 'other')`,
      ),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'accepted', 'declined', 'merged')`),
    )
    .addColumn('decline_reason', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('reports.id'))
    .addColumn('proposed_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('anonymized_at', 'timestamptz')
    .addCheckConstraint(
      'reports_reachable',
      sql`anonymized_at is not null or contact_mobile is not null or contact_email is not null`,
    )
    .addCheckConstraint(
      'reports_demand_company',
      sql`(kind = 'demand') = (company_name is not null and credit_code is not null and demand_type is not null)`,
    )
    .addCheckConstraint(
      'reports_declined_reason',
      sql`(status = 'declined') = (decline_reason is not null)`,
    )
    .addCheckConstraint(
      'reports_merged_target',
      sql`(status = 'merged') = (merged_into_id is not null) and merged_into_id is distinct from id`,
    )
    .execute()

  await db.schema
    .createTable('duties')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
    .addColumn('topic_id', 'integer', (c) => c.references('topics.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('leader_name', 'text', (c) => c.notNull())
    .addColumn('leader_title', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) =>
      c.notNull().check(sql`mode in ('immediate', 'deadline', 'ongoing')`),
    )
    .addColumn('deadline', 'date')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('assigned')
        .check(sql`status in ('assigned', 'in_progress', 'resolved', 'closed')`),
    )
    .addColumn('progress', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`progress between 0 and 100`),
    )
    .addColumn('resolution_summary', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reopened_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('first_progress_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('duties_deadline_by_mode', sql`mode = 'ongoing' or deadline is not null`)
    .addCheckConstraint(
      'duties_resolved_summary',
      sql`status not in ('resolved', 'closed') or (resolution_summary is not null and resolved_at is not null)`,
    )
    .execute()

  await db.schema
    .createTable('duty_co_units')
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('duty_co_units_pk', ['duty_id', 'unit_id'])
    .execute()

  await db.schema
    .createTable('duty_reports')
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addColumn('report_id', 'integer', (c) => c.notNull().unique().references('reports.id'))
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('duty_reports_pk', ['duty_id', 'report_id'])
    .execute()

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('done_at', 'timestamptz')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('progress_updates')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addColumn('staff_user_id', 'integer', (c) => c.references('staff_users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().check(sql`progress between 0 and 100`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) =>
      c.notNull().check(sql`mime in ('image/jpeg', 'image/png', 'image/webp')`),
    )
    .addColumn('bytes', 'integer', (c) => c.notNull().check(sql`bytes > 0`))
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('photo', 'before', 'after', 'evidence')`),
    )
    .addColumn('report_id', 'integer', (c) => c.references('reports.id').onDelete('cascade'))
    .addColumn('progress_update_id', 'integer', (c) =>
      c.references('progress_updates.id').onDelete('cascade'),
    )
    .addColumn('duty_id', 'integer', (c) => c.references('duties.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'attachments_one_owner',
      sql`num_nonnulls(report_id, progress_update_id, duty_id) = 1`,
    )
    .execute()

  await db.schema
    .createTable('comments')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('duty_id', 'integer', (c) => c.references('duties.id').onDelete('cascade'))
    .addColumn('report_id', 'integer', (c) => c.references('reports.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('public_user_id', 'integer', (c) => c.references('public_users.id'))
    .addColumn('staff_user_id', 'integer', (c) => c.references('staff_users.id'))
    .addColumn('official', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 1000`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'published', 'hidden')`),
    )
    .addColumn('hidden_reason', 'text')
    .addColumn('moderated_at', 'timestamptz')
    .addColumn('flag_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('comments_one_subject', sql`num_nonnulls(duty_id, report_id) = 1`)
    .addCheckConstraint('comments_one_author', sql`num_nonnulls(public_user_id, staff_user_id) = 1`)
    .addCheckConstraint('comments_official_staff', sql`not official or staff_user_id is not null`)
    .addCheckConstraint(
      'comments_hidden_reason',
      sql`(status = 'hidden') = (hidden_reason is not null)`,
    )
    .execute()

  await db.schema
    .createTable('comment_flags')
    .addColumn('comment_id', 'integer', (c) =>
      c.notNull().references('comments.id').onDelete('cascade'),
    )
    .addColumn('reporter_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('comment_flags_pk', ['comment_id', 'reporter_key'])
    .execute()

  await db.schema
    .createTable('ratings')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addColumn('report_id', 'integer', (c) => c.references('reports.id'))
    .addColumn('public_user_id', 'integer', (c) => c.references('public_users.id'))
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 5`))
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('valid')
        .check(sql`status in ('valid', 'voided')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('ratings_one_rater', sql`num_nonnulls(report_id, public_user_id) = 1`)
    .addCheckConstraint(
      'ratings_unsatisfied_reason',
      sql`report_id is null or level > 2 or reason is not null`,
    )
    .addUniqueConstraint('ratings_duty_report', ['duty_id', 'report_id'])
    .addUniqueConstraint('ratings_duty_public_user', ['duty_id', 'public_user_id'])
    .execute()

  await db.schema
    .createTable('duty_reviews')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addColumn('rating_id', 'integer', (c) => c.references('ratings.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'reopened', 'dismissed')`),
    )
    .addColumn('decision_note', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('rating_appeals')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('rating_id', 'integer', (c) =>
      c.notNull().references('ratings.id').onDelete('cascade'),
    )
    .addColumn('staff_user_id', 'integer', (c) => c.notNull().references('staff_users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'upheld', 'rejected')`),
    )
    .addColumn('decision_note', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('topic_duties')
    .addColumn('topic_id', 'integer', (c) =>
      c.notNull().references('topics.id').onDelete('cascade'),
    )
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('topic_duties_pk', ['topic_id', 'duty_id'])
    .execute()

  await db.schema
    .createTable('rule_changes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('established', 'revised', 'abolished')`),
    )
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('document_url', 'text')
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('rule_change_duties')
    .addColumn('rule_change_id', 'integer', (c) =>
      c.notNull().references('rule_changes.id').onDelete('cascade'),
    )
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('rule_change_duties_pk', ['rule_change_id', 'duty_id'])
    .execute()

  await db.schema
    .createTable('notices')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('document', 'decision', 'consultation')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('supervision_steps')
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('deadline', 'date', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('supervision_steps_pk', ['duty_id', 'step', 'deadline'])
    .execute()

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('report_id', 'integer', (c) => c.references('reports.id'))
    .addColumn('duty_id', 'integer', (c) => c.references('duties.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('public', 'boolean', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The audit chain: insertion order and the hash of the previous event (see events_chain).
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('props', 'jsonb', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'kept', 'failed')`),
    )
    .addColumn('subject', 'text')
    .addColumn('html', 'text')
    .addColumn('text', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute()

  // The shape rate-limiter-flexible's RateLimiterPostgres expects, so several servers share limits.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute()

  // The mainland working-day calendar as a table, so the scoreboard can count working days in
  // SQL: `idx` numbers the working days in order, so idx(b) - idx(a) is the working days in (a, b].
  // Filled from chinese-days at run time (syncWorkdayCalendar), not frozen here.
  await db.schema
    .createTable('workdays')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('workday', 'boolean', (c) => c.notNull())
    .execute()

  await auditChain(db)
  await indexes(db)
}

/**
 * The events table is append-only and tamper-evident: every row carries the hash of the
 * previous one (in insertion order, `seq`), and UPDATE, DELETE and TRUNCATE are refused.
 */
async function auditChain(db: Kysely<any>): Promise<void> {
  await sql`
    create function event_hash(e events) returns text language sql immutable as $$
      select encode(sha256(convert_to(concat_ws('|',
        e.prev_hash, e.seq::text, e.type, coalesce(e.report_id::text, ''), coalesce(e.duty_id::text, ''),
        e.actor, e.public::text, e.data::text,
        to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
      ), 'UTF8')), 'hex')
    $$`.execute(db)

  await sql`create unique index events_seq on events (seq)`.execute(db)

  // One writer at a time appends to the chain (a transaction-scoped advisory lock).
  await sql`
    create function events_chain() returns trigger language plpgsql as $$
    declare last record;
    begin
      perform pg_advisory_xact_lock(7261434);
      select seq, hash into last from events order by seq desc limit 1;
      new.seq := coalesce(last.seq, 0) + 1;
      new.prev_hash := coalesce(last.hash, 'genesis');
      new.hash := event_hash(new);
      return new;
    end $$`.execute(db)
  await sql`create trigger events_chain before insert on events for each row execute function events_chain()`.execute(
    db,
  )

  await sql`
    create function events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'events are append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db)
  await sql`create trigger events_no_update before update or delete on events for each row execute function events_append_only()`.execute(
    db,
  )
  await sql`create trigger events_no_truncate before truncate on events for each statement execute function events_append_only()`.execute(
    db,
  )
}

async function indexes(db: Kysely<any>): Promise<void> {
  await sql`create index reports_status_created on reports (status, created_at)`.execute(db)
  await sql`create index reports_category_area on reports (category_id, area_id)`.execute(db)
  await sql`create index reports_text_trgm on reports using gin ((title || ' ' || body) public.gin_trgm_ops)`.execute(
    db,
  )
  await sql`create index duties_unit_status on duties (unit_id, status)`.execute(db)
  await sql`create index duties_status_deadline on duties (status, deadline)`.execute(db)
  await sql`create index events_report on events (report_id, occurred_at)`.execute(db)
  await sql`create index events_duty on events (duty_id, occurred_at)`.execute(db)
  await sql`create index progress_updates_duty on progress_updates (duty_id, created_at)`.execute(
    db,
  )
  await sql`create index comments_duty on comments (duty_id, created_at)`.execute(db)
  await sql`create index comments_report on comments (report_id, created_at)`.execute(db)
  await sql`create index ratings_duty on ratings (duty_id)`.execute(db)
  await sql`create index outbox_due on email_outbox (next_attempt_at) where status = 'pending'`.execute(
    db,
  )

  // Keyset pagination: one index per sort, ending in the id that breaks ties.
  await sql`create index reports_newest on reports (created_at desc, id desc)`.execute(db)
  await sql`create index reports_updated on reports (updated_at desc, id desc)`.execute(db)
  await sql`create index duties_newest on duties (created_at desc, id desc)`.execute(db)
  await sql`create index duties_updated on duties (updated_at desc, id desc)`.execute(db)
  await sql`create index duties_deadline on duties ((coalesce(deadline, '9999-12-31'::date)), id)`.execute(
    db,
  )
  // Chinese search: trigrams of a duty's title and commitment.
  await sql`create index duties_text_trgm on duties using gin ((title || ' ' || commitment) public.gin_trgm_ops)`.execute(
    db,
  )
  await sql`create index comments_queue on comments (status, created_at) where status = 'pending' or flag_count > 0`.execute(
    db,
  )
  await sql`create index otp_challenges_email on otp_challenges (email, created_at desc)`.execute(
    db,
  )
  await sql`create index public_sessions_user on public_sessions (public_user_id)`.execute(db)
  await sql`create index ratings_report on ratings (report_id) where report_id is not null`.execute(
    db,
  )
  await sql`create index duty_reviews_open on duty_reviews (duty_id) where status = 'open'`.execute(
    db,
  )
  await sql`create unique index rating_appeals_one_open on rating_appeals (rating_id) where status = 'open'`.execute(
    db,
  )

  // The scoreboard and Open311 read by period over up to millions of rows (docs/PERFORMANCE.md).
  await sql`create index workdays_idx on workdays (idx) where workday`.execute(db)
  await sql`create index reports_created on reports (created_at)`.execute(db)
  await sql`create index duties_created on duties (created_at)`.execute(db)
  await sql`create index ratings_created on ratings (created_at) include (duty_id, level, report_id, status)`.execute(
    db,
  )
  await sql`create index rule_changes_unit on rule_changes (unit_id, effective_on desc)`.execute(db)
  await sql`create index topic_duties_duty on topic_duties (duty_id)`.execute(db)
  await sql`create index notices_published on notices (published_at desc)`.execute(db)
  // The home page's newest progress.
  await sql`create index progress_updates_recent on progress_updates (created_at desc, id desc)`.execute(
    db,
  )
}
