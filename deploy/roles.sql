-- Kaimen's two database roles (docs/decisions/028-transparency-log.md).
--
--   kaimen_owner  owns the schema and every table; runs the migrations (npm run migrate).
--   kaimen_app    what the app servers connect as: reads and writes the ordinary tables, but
--                 may only INSERT and SELECT events and the transparency log's tables (plus
--                 setting an event's log_index once, which the worker does). It owns nothing,
--                 so it cannot ALTER TABLE … DISABLE TRIGGER, drop the guards, UPDATE, DELETE
--                 or TRUNCATE the record. Only the owner could, and the signed checkpoints that
--                 readers keep would then show it (npm run audit:verify -- --checkpoint …).
--
-- Run with psql as a superuser, in the app's database and with the app's schema first on
-- the search_path, in two steps:
--   1. step "roles" once, before the first migration; give both roles passwords
--      (ALTER ROLE … PASSWORD) and create the schema owned by kaimen_owner if it is not public;
--   2. run the migrations as kaimen_owner, then step "grants" (as the superuser or the owner);
--      run "grants" again after any later migration — it is idempotent.
-- The app then uses DATABASE_URL=postgres://kaimen_app:…@host/db, and the migrations
-- run with DATABASE_URL=postgres://kaimen_owner:…@host/db npm run migrate.

-- step: roles
do $$
begin
  if not exists (select from pg_roles where rolname = 'kaimen_owner') then
    create role kaimen_owner login;
  end if;
  if not exists (select from pg_roles where rolname = 'kaimen_app') then
    create role kaimen_app login;
  end if;
end $$;

-- step: grants
do $$
declare
  s text := current_schema();
begin
  execute format('grant usage on schema %I to kaimen_app', s);
  execute format('grant select, insert, update, delete on all tables in schema %I to kaimen_app', s);
  execute format('grant usage, select on all sequences in schema %I to kaimen_app', s);
  -- The record: insert and read only; the worker may set log_index (a trigger allows it once).
  execute format('revoke update, delete, truncate on %I.events, %I.transparency_hashes, %I.transparency_checkpoints from kaimen_app', s, s, s);
  execute format('grant update (log_index) on %I.events to kaimen_app', s);
  -- Tables that later migrations add get the ordinary rights; a new table of the record must
  -- be added to the revoke above.
  execute format('alter default privileges for role kaimen_owner in schema %I grant select, insert, update, delete on tables to kaimen_app', s);
  execute format('alter default privileges for role kaimen_owner in schema %I grant usage, select on sequences to kaimen_app', s);
end $$;
