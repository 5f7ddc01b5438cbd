-- 0004 exports: bulk export jobs (one zip holding one signed BagIt bag per case), run in the
-- background by the server. The state lives here, not in a server's memory, so any server can
-- answer "how far is it" and a restart finds the jobs it interrupted.

CREATE TABLE export_jobs (
    id            INTEGER PRIMARY KEY,
    requested_by  INTEGER NOT NULL REFERENCES users (id),
    criteria      TEXT    NOT NULL,             -- ExportCreate as JSON: from, to, basis, status, item_type
    case_ids      TEXT    NOT NULL,             -- JSON list: the cases chosen when the job was created
    state         TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'complete', 'failed')),
    cases_total   INTEGER NOT NULL,
    cases_done    INTEGER NOT NULL DEFAULT 0,
    bytes_written INTEGER NOT NULL DEFAULT 0,   -- of the zip so far
    file_name     TEXT,                         -- under <data_dir>/exports/, once complete
    size          INTEGER,                      -- of the finished zip
    sha256        TEXT,                         -- of the finished zip: its ETag
    error         TEXT,                         -- why it failed
    created_at    TEXT    NOT NULL,
    started_at    TEXT,
    finished_at   TEXT,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX export_jobs_by_state ON export_jobs (state, id);
