-- Every case timeline event is also a domain event, in the same transaction. The timeline
-- is written from many places (intake writes it inside one statement of data-modifying
-- CTEs), so a row trigger makes "no case event without its domain event" hold for all of
-- them. AFTER triggers run at the end of the statement, so a case inserted by a sibling
-- CTE is visible here.
CREATE FUNCTION case_event_to_domain_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO domain_events (kind, aggregate_kind, aggregate_id, scope_path, payload, occurred_at)
  SELECT 'case.' || NEW.type, 'case', NEW.case_id, c.path,
    jsonb_build_object('caseEventId', NEW.id, 'caseCode', c.code, 'type', NEW.type,
      'fromState', NEW.from_state, 'toState', NEW.to_state),
    NEW.at
  FROM cases c WHERE c.id = NEW.case_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The timeline so far, under the same ids: a desk's Last-Event-ID (a case_events id until
-- now) still points at the same event.
INSERT INTO domain_events (id, kind, aggregate_kind, aggregate_id, scope_path, payload, occurred_at)
SELECT e.id, 'case.' || e.type, 'case', e.case_id, c.path,
  jsonb_build_object('caseEventId', e.id, 'caseCode', c.code, 'type', e.type,
    'fromState', e.from_state, 'toState', e.to_state),
  e.at
FROM case_events e JOIN cases c ON c.id = e.case_id
ORDER BY e.id;
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('domain_events', 'id'), COALESCE((SELECT max(id) FROM domain_events), 0) + 1, false);
--> statement-breakpoint
CREATE TRIGGER case_events_domain_event AFTER INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_event_to_domain_event();
--> statement-breakpoint
-- Wakes the consumers (the desk's live stream on every server process). NOTIFY is
-- delivered when the appending transaction commits, and not at all if it rolls back;
-- one per statement, and PostgreSQL folds repeats within a transaction.
CREATE FUNCTION notify_domain_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('yiwang_domain_events', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER domain_events_notify AFTER INSERT ON domain_events
  FOR EACH STATEMENT EXECUTE FUNCTION notify_domain_events();
