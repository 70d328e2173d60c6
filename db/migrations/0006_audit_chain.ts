import { sql, type Kysely } from 'kysely'

/**
 * The events table becomes append-only and tamper-evident: every row carries the hash of the
 * previous one (in insertion order, `seq`), and UPDATE, DELETE and TRUNCATE are refused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table events add column seq bigint, add column prev_hash text, add column hash text`.execute(
    db,
  )

  await sql`
    create function event_hash(e events) returns text language sql immutable as $$
      select encode(sha256(convert_to(concat_ws('|',
        e.prev_hash, e.seq::text, e.type, coalesce(e.report_id::text, ''), coalesce(e.duty_id::text, ''),
        e.actor, e.public::text, e.data::text,
        to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
      ), 'UTF8')), 'hex')
    $$`.execute(db)

  // Existing rows (the demo) are chained once, in id order.
  await sql`
    do $$
    declare r record; last text := 'genesis'; n bigint := 0;
    begin
      for r in select id from events order by id loop
        n := n + 1;
        update events set seq = n, prev_hash = last where id = r.id;
        update events e set hash = event_hash(e) where e.id = r.id returning e.hash into last;
      end loop;
    end $$`.execute(db)

  await sql`alter table events alter column seq set not null, alter column prev_hash set not null, alter column hash set not null`.execute(
    db,
  )
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
