-- Each server process keeps rows read on every request (an API key's actor, the current
-- matter, a region with its command units, the grid map's version) in memory
-- (src/db/cached-lookup.ts) and forgets them when told the source changed: one NOTIFY
-- channel per concern, sent by a statement trigger, delivered at commit (never on rollback).
-- PostgreSQL folds repeats within a transaction, so a bulk change is one wake-up.
CREATE FUNCTION notify_lookup_source_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER api_keys_notify_changed AFTER INSERT OR DELETE OR TRUNCATE ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_api_keys_changed');
--> statement-breakpoint
-- Every column but last_used_at, which a process writes about once a minute per key in use
-- and no actor reads: noting a use must not empty every process's cache. A column added
-- to api_keys that an actor reads joins this list.
CREATE TRIGGER api_keys_notify_updated
  AFTER UPDATE OF id, name, prefix, secret_hash, roles, scope_region_code, created_by, created_at, revoked_at
  ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_api_keys_changed');
--> statement-breakpoint
CREATE TRIGGER matters_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON matters
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_matters_changed');
--> statement-breakpoint
CREATE TRIGGER regions_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_regions_changed');
--> statement-breakpoint
CREATE TRIGGER units_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_units_changed');
--> statement-breakpoint
CREATE TRIGGER grid_map_state_notify_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON grid_map_state
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_grid_map_changed');
--> statement-breakpoint
-- Sessions and their users (a signed-in request's actor). A new session is nobody's kept
-- row, so an INSERT wakes nothing; nor does noting a use (last_seen_at, about once a minute
-- per session and process).
CREATE TRIGGER sessions_notify_changed AFTER DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_sessions_changed');
--> statement-breakpoint
CREATE TRIGGER sessions_notify_updated
  AFTER UPDATE OF id, user_id, csrf_token, created_at, expires_at, ip, user_agent ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_sessions_changed');
--> statement-breakpoint
CREATE TRIGGER users_notify_changed AFTER DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_users_changed');
--> statement-breakpoint
-- The columns an actor is made of (and the password, whose change ends sessions). Not the
-- sign-in bookkeeping written at every login (failed_logins, locked_until, totp_last_step)
-- nor the sealed secrets and phone, which no actor reads. A column added to users that
-- an actor reads joins this list.
CREATE TRIGGER users_notify_updated
  AFTER UPDATE OF id, username, display_name, password_hash, roles, scope_region_code, unit_id, locale, disabled,
    totp_enabled, must_change_password
  ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_source_changed('yiwang_users_changed');
