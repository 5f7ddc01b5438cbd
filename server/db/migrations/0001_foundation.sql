-- 0001 foundation: accounts, item catalogue, sites, cases and the audit log.
-- Times are UTC ISO 8601 text with offset (they sort as text); dates are local YYYY-MM-DD.

-- People who use Takan. Passwords are argon2id hashes; nobody is ever deleted, only disabled.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('applicant', 'officer', 'auditor', 'admin')),
    organisation  TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

-- Bearer tokens, stored only as their sha256: a stolen database gives no usable token.
CREATE TABLE auth_tokens (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,
    revoked_at TEXT
);
CREATE INDEX auth_tokens_by_user ON auth_tokens (user_id);

-- Failed logins per username (known or not), for slowing down password guessing.
CREATE TABLE login_throttle (
    username        TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL DEFAULT 0,
    last_failure_at TEXT,
    locked_until    TEXT
);

-- The item catalogue (事项清单). fields and checklist are JSON lists (FieldSpec, Requirement).
CREATE TABLE item_types (
    id                  INTEGER PRIMARY KEY,
    code                TEXT    NOT NULL UNIQUE,
    name_zh             TEXT    NOT NULL,
    name_en             TEXT    NOT NULL,
    guide_zh            TEXT    NOT NULL DEFAULT '',
    guide_en            TEXT    NOT NULL DEFAULT '',
    time_limit_days     INTEGER NOT NULL CHECK (time_limit_days > 0),
    geofence_radius_m   REAL    NOT NULL CHECK (geofence_radius_m > 0),
    required_signoffs   INTEGER NOT NULL DEFAULT 2 CHECK (required_signoffs >= 1),
    capture_window_days INTEGER NOT NULL DEFAULT 30,
    fields              TEXT    NOT NULL DEFAULT '[]',
    checklist           TEXT    NOT NULL,
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);

-- Sites are stored in WGS-84; what was typed in (and in which datum) is kept beside it.
CREATE TABLE sites (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    address     TEXT    NOT NULL DEFAULT '',
    lat         REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon         REAL    NOT NULL CHECK (lon BETWEEN -180 AND 180),
    input_datum TEXT    NOT NULL CHECK (input_datum IN ('wgs84', 'gcj02', 'bd09')),
    input_lat   REAL    NOT NULL,
    input_lon   REAL    NOT NULL,
    radius_m    REAL    CHECK (radius_m IS NULL OR radius_m > 0),
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT    NOT NULL
);

-- Per-year counters behind the human references TK-YYYY-NNNNNN.
CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- A survey application (踏勘申请). The item's checklist and limits are copied in when the case is
-- created, so editing the catalogue later never changes what a case was judged against.
CREATE TABLE cases (
    id                  INTEGER PRIMARY KEY,
    reference           TEXT    NOT NULL UNIQUE,
    title               TEXT    NOT NULL,
    item_type_id        INTEGER NOT NULL REFERENCES item_types (id),
    applicant_id        INTEGER NOT NULL REFERENCES users (id),
    site_id             INTEGER NOT NULL REFERENCES sites (id),
    fields              TEXT    NOT NULL DEFAULT '{}',
    checklist           TEXT    NOT NULL,
    required_signoffs   INTEGER NOT NULL,
    geofence_radius_m   REAL    NOT NULL,
    capture_window_days INTEGER NOT NULL,
    time_limit_days     INTEGER NOT NULL,
    challenge_code      TEXT    NOT NULL,
    status              TEXT    NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review',
                            'rectification_requested', 'approved', 'rejected', 'withdrawn')),
    created_at          TEXT    NOT NULL,
    submitted_at        TEXT,            -- first submission: starts the clock
    last_submitted_at   TEXT,
    due_date            TEXT,            -- local date; overdue the day after
    decided_at          TEXT,
    version             INTEGER NOT NULL DEFAULT 1,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX cases_by_applicant ON cases (applicant_id, id);
CREATE INDEX cases_by_status_due ON cases (status, due_date, id);

-- Every state change of a case, for history, the queue's "rectified" mark and statistics.
CREATE TABLE case_transitions (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    at          TEXT    NOT NULL
);
CREATE INDEX case_transitions_by_case ON case_transitions (case_id, id);

-- The audit log: append-only, each event chained to the one before by sha256
-- (hash = sha256(prev_hash || canonical JSON of the event); see shared/audit_chain.py).
CREATE TABLE audit_events (
    seq         INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    action      TEXT    NOT NULL,
    object_type TEXT    NOT NULL,
    object_id   TEXT    NOT NULL,
    case_id     INTEGER REFERENCES cases (id),
    details     TEXT    NOT NULL,   -- canonical JSON, exactly the text that was hashed
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE
);
CREATE INDEX audit_events_by_case ON audit_events (case_id, seq);

-- The application never changes or deletes an event; these make that hold for any SQL client
-- too (a tamperer must drop them first, and verify still catches the edit).
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

-- The working-day calendar an administrator loaded (one row; without it the packaged default
-- for the current years applies). body is a CalendarFile as JSON.
CREATE TABLE work_calendar (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    body       TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    updated_by INTEGER REFERENCES users (id)
);
