-- 0003 review: assignment, evidence views, opinions and sign-off, rectification, annotations,
-- comments, ratings and the per-user notification feed.

-- What the review queue sorts and filters on, kept on the case so the queue never aggregates
-- evidence: failed/warned checks of current evidence, the rectification round, whether the
-- officers disagree, and the text searched (reference, title, applicant, site).
ALTER TABLE cases ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN fail_checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN warn_checks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN disputed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
-- The rectification in force (限期整改): what to redo, why, and by when.
ALTER TABLE cases ADD COLUMN rectification_requested_at TEXT;
ALTER TABLE cases ADD COLUMN rectify_deadline TEXT;
ALTER TABLE cases ADD COLUMN rectify_requirements TEXT;   -- JSON list of requirement keys
ALTER TABLE cases ADD COLUMN rectify_reasons TEXT;

UPDATE cases SET search_text = lower(reference || ' ' || title || ' ' ||
    (SELECT display_name FROM users WHERE users.id = cases.applicant_id) || ' ' ||
    (SELECT name FROM sites WHERE sites.id = cases.site_id));

CREATE INDEX cases_by_status_submitted ON cases (status, last_submitted_at, id);
CREATE INDEX cases_by_status_flags ON cases (status, fail_checks DESC, warn_checks DESC, id);


-- Officers working on a case. A case takes as many as its required sign-offs. `open` follows the
-- case (a trigger below) so "assigned to me" reads only an officer's open cases, not their history.
CREATE TABLE case_assignments (
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    officer_id  INTEGER NOT NULL REFERENCES users (id),
    assigned_by INTEGER REFERENCES users (id),
    assigned_at TEXT    NOT NULL,
    open        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (case_id, officer_id)
);
CREATE INDEX case_assignments_by_officer ON case_assignments (officer_id, open, case_id);
CREATE TRIGGER case_assignments_follow_status AFTER UPDATE OF status ON cases WHEN OLD.status != NEW.status
BEGIN
    UPDATE case_assignments SET open = (NEW.status IN ('submitted', 'in_review', 'rectification_requested'))
    WHERE case_id = NEW.id;
END;

-- Each time an officer opened an evidence item, and for how long (reported by the reviewer app).
CREATE TABLE evidence_views (
    id          INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    officer_id  INTEGER NOT NULL REFERENCES users (id),
    opened_at   TEXT    NOT NULL,
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    reported_at TEXT    NOT NULL
);
CREATE INDEX evidence_views_by_case ON evidence_views (case_id, officer_id, evidence_id);

-- Survey opinions (踏勘意见): one per officer per review round, editable (with a version) until
-- the case is decided; every signature and edit is also in the audit log with its full text.
CREATE TABLE opinions (
    id                  INTEGER PRIMARY KEY,
    case_id             INTEGER NOT NULL REFERENCES cases (id),
    round               INTEGER NOT NULL,
    officer_id          INTEGER NOT NULL REFERENCES users (id),
    verdict             TEXT    NOT NULL CHECK (verdict IN ('pass', 'rectify', 'fail')),
    reasons             TEXT    NOT NULL DEFAULT '',
    requirement_results TEXT    NOT NULL DEFAULT '[]',  -- JSON list of RequirementResult
    rectify_deadline    TEXT,
    rectify_requirements TEXT,                          -- JSON list of requirement keys
    signed_at           TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    UNIQUE (case_id, round, officer_id)
);

-- Shapes officers draw on evidence. Edits make new revisions (all kept); deletion is a mark.
CREATE TABLE annotations (
    id                    INTEGER PRIMARY KEY,
    evidence_id           INTEGER NOT NULL REFERENCES evidence (id),
    case_id               INTEGER NOT NULL REFERENCES cases (id),
    author_id             INTEGER NOT NULL REFERENCES users (id),
    body                  TEXT    NOT NULL,   -- AnnotationIn as JSON
    shared_with_applicant INTEGER NOT NULL DEFAULT 0,
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    deleted_at            TEXT
);
CREATE INDEX annotations_by_evidence ON annotations (evidence_id, id);
CREATE INDEX annotations_by_case ON annotations (case_id, id);

CREATE TABLE annotation_revisions (
    annotation_id INTEGER NOT NULL REFERENCES annotations (id),
    version       INTEGER NOT NULL,
    body          TEXT    NOT NULL,
    author_id     INTEGER NOT NULL REFERENCES users (id),
    created_at    TEXT    NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (annotation_id, version)
);

-- Comments on a case or one evidence item: internal (officers) or visible to the applicant, who
-- may reply to visible ones.
CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    evidence_id INTEGER REFERENCES evidence (id),
    parent_id   INTEGER REFERENCES comments (id),
    author_id   INTEGER NOT NULL REFERENCES users (id),
    visibility  TEXT    NOT NULL CHECK (visibility IN ('internal', 'applicant')),
    body        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX comments_by_case ON comments (case_id, id);

-- 好差评: the applicant's rating of the service, once per decided case.
CREATE TABLE ratings (
    case_id      INTEGER PRIMARY KEY REFERENCES cases (id),
    applicant_id INTEGER NOT NULL REFERENCES users (id),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL
);

-- 信息推送: each user's feed of what happened to cases they are part of.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    case_id    INTEGER REFERENCES cases (id),
    kind       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,   -- JSON: reference, title, message_zh, message_en, ...
    created_at TEXT    NOT NULL
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);

-- The queue's default view is "waiting for review" (submitted or in review), sorted by due date:
-- one index range in due order instead of sorting two statuses together.
ALTER TABLE cases ADD COLUMN queue_group TEXT GENERATED ALWAYS AS (
    CASE WHEN status IN ('submitted', 'in_review') THEN 'waiting' ELSE status END) VIRTUAL;
-- The sort keys ride along in the index, so sorting a filtered waiting list never reads the rows.
CREATE INDEX cases_by_group_due ON cases (queue_group, due_date, id, fail_checks, warn_checks, last_submitted_at);
CREATE INDEX cases_by_item_group_due ON cases (item_type_id, queue_group, due_date, id);

-- Cases per status, kept by triggers: the queue's tab counts without counting every case.
CREATE TABLE case_status_counts (
    status TEXT    PRIMARY KEY,
    n      INTEGER NOT NULL
);
INSERT INTO case_status_counts (status, n) SELECT status, count(*) FROM cases GROUP BY status;
CREATE TRIGGER cases_counted_on_insert AFTER INSERT ON cases
BEGIN
    INSERT INTO case_status_counts (status, n) VALUES (NEW.status, 1)
        ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER cases_counted_on_status AFTER UPDATE OF status ON cases WHEN OLD.status != NEW.status
BEGIN
    UPDATE case_status_counts SET n = n - 1 WHERE status = OLD.status;
    INSERT INTO case_status_counts (status, n) VALUES (NEW.status, 1)
        ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;

-- Text search over reference, title, applicant and site: a trigram index (queries of three or
-- more characters; shorter ones fall back to LIKE). PostgreSQL would use pg_trgm here.
CREATE VIRTUAL TABLE cases_fts USING fts5(search_text, content = 'cases', content_rowid = 'id',
                                          tokenize = 'trigram');
INSERT INTO cases_fts (rowid, search_text) SELECT id, search_text FROM cases;
CREATE TRIGGER cases_fts_on_insert AFTER INSERT ON cases
BEGIN
    INSERT INTO cases_fts (rowid, search_text) VALUES (NEW.id, NEW.search_text);
END;
CREATE TRIGGER cases_fts_on_update AFTER UPDATE OF search_text ON cases
BEGIN
    INSERT INTO cases_fts (cases_fts, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
    INSERT INTO cases_fts (rowid, search_text) VALUES (NEW.id, NEW.search_text);
END;
