-- 0002 evidence: content-addressed blobs, evidence items with their metadata and checks, and
-- resumable (tus) uploads whose state lives here rather than in a server's memory.

-- One row per distinct file content; the bytes are at blobs/ab/cd/<sha256> in the media store.
CREATE TABLE blobs (
    sha256     TEXT    PRIMARY KEY,
    size       INTEGER NOT NULL,
    mime       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

-- An evidence item: one photo or video for one checklist requirement of a case. Never deleted
-- or overwritten; a replaced item points at its replacement (superseded_by) and is kept.
CREATE TABLE evidence (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    requirement_key TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('photo', 'video')),
    sha256          TEXT    NOT NULL REFERENCES blobs (sha256),
    size            INTEGER NOT NULL,
    mime            TEXT    NOT NULL,
    original_name   TEXT    NOT NULL DEFAULT '',
    uploaded_by     INTEGER NOT NULL REFERENCES users (id),
    received_at     TEXT    NOT NULL,            -- the server's clock: the one time that can be trusted
    upload_id       TEXT    UNIQUE,              -- the tus upload it came from: finishing twice adds nothing
    round           INTEGER NOT NULL DEFAULT 0,  -- 0 before the first submission, n in the n-th rectification
    captured_at     TEXT,                        -- UTC, from the file (with its offset, or local time)
    gps_lat         REAL,
    gps_lon         REAL,
    metadata        TEXT    NOT NULL,            -- CaptureMetadata as JSON
    client          TEXT,                        -- ClientCapture as JSON: what the phone reported
    phash           INTEGER,                     -- 64-bit dHash as a signed integer
    -- the dHash cut in five bands (13+13+13+13+12 bits): two photos within 4 bits share at least
    -- one band exactly, so re-saved or resized copies are found through indexes, not a scan
    phash_b0        INTEGER,
    phash_b1        INTEGER,
    phash_b2        INTEGER,
    phash_b3        INTEGER,
    phash_b4        INTEGER,
    width           INTEGER,                     -- displayed size (orientation applied)
    height          INTEGER,
    derivatives     TEXT    NOT NULL DEFAULT '{}',  -- variant -> path in the media store
    checks          TEXT    NOT NULL DEFAULT '[]',  -- list of CheckResult as JSON
    fail_count      INTEGER NOT NULL DEFAULT 0,
    warn_count      INTEGER NOT NULL DEFAULT 0,
    superseded_by   INTEGER REFERENCES evidence (id),
    superseded_at   TEXT
);
CREATE INDEX evidence_by_case ON evidence (case_id, requirement_key, id);
CREATE INDEX evidence_by_sha256 ON evidence (sha256);
CREATE INDEX evidence_by_phash_b0 ON evidence (phash_b0);
CREATE INDEX evidence_by_phash_b1 ON evidence (phash_b1);
CREATE INDEX evidence_by_phash_b2 ON evidence (phash_b2);
CREATE INDEX evidence_by_phash_b3 ON evidence (phash_b3);
CREATE INDEX evidence_by_phash_b4 ON evidence (phash_b4);

-- Resumable uploads (tus 1.0). The bytes received so far are in uploads/<id>.part; `received`
-- only moves forward after those bytes are fsynced, so a crash never claims bytes it lost.
CREATE TABLE uploads (
    id              TEXT    PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    requirement_key TEXT    NOT NULL,
    uploaded_by     INTEGER NOT NULL REFERENCES users (id),
    length          INTEGER NOT NULL CHECK (length >= 0),
    received        INTEGER NOT NULL DEFAULT 0,
    metadata        TEXT    NOT NULL,            -- the decoded Upload-Metadata as JSON
    replaces        INTEGER REFERENCES evidence (id),
    state           TEXT    NOT NULL CHECK (state IN ('receiving', 'complete', 'failed', 'terminated',
                                                      'expired')),
    evidence_id     INTEGER REFERENCES evidence (id),
    error           TEXT,                        -- why it failed, as an error body JSON
    lease_until     TEXT,                        -- one PATCH at a time, across server processes
    lease_token     TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    expires_at      TEXT    NOT NULL
);
CREATE INDEX uploads_by_state_expiry ON uploads (state, expires_at);
