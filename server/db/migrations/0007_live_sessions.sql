-- 0007: live surveys (视频连线踏勘) and their booking (预约).
-- A case has live sessions over its life (one per rectification round, say), at most one going on
-- at a time. Booking moves a session offered -> booked (or cancelled); the call itself will move
-- it on to in_progress and then ended, missed or interrupted, adding its own columns (start and
-- end times, the recording) then: the states are allowed here already, as SQLite cannot change a
-- CHECK without rebuilding the table.
CREATE TABLE live_sessions (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    round         INTEGER NOT NULL,            -- the case's rectification round when offered
    state         TEXT    NOT NULL CHECK (state IN ('offered', 'booked', 'in_progress', 'ended', 'missed',
                                                    'interrupted', 'cancelled')),
    offer_no      INTEGER NOT NULL DEFAULT 1,  -- the offer in force (each reschedule by the bureau adds one)
    offered_by    INTEGER NOT NULL REFERENCES users (id),  -- the officer of the offer in force
    note          TEXT    NOT NULL DEFAULT '', -- the officer's note with that offer
    -- The applicant's request for other times, standing until the bureau offers new ones.
    other_times_message TEXT,
    other_times_at      TEXT,
    cancelled_at  TEXT,
    cancelled_by  INTEGER REFERENCES users (id),
    cancel_reason TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX live_sessions_by_case ON live_sessions (case_id, id);
CREATE UNIQUE INDEX live_sessions_one_going_on ON live_sessions (case_id)
    WHERE state IN ('offered', 'booked', 'in_progress');

-- Every slot ever offered (start and end, UTC text like every time), kept when an offer is
-- replaced: its status says what became of it.
CREATE TABLE live_slots (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES live_sessions (id),
    offer_no   INTEGER NOT NULL,
    starts_at  TEXT    NOT NULL,
    ends_at    TEXT    NOT NULL CHECK (ends_at > starts_at),
    status     TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked', 'released', 'withdrawn')),
    UNIQUE (session_id, offer_no, starts_at)
);
-- A session has at most one booked slot, whatever races: the second pick cannot be written.
CREATE UNIQUE INDEX live_slots_one_booked ON live_slots (session_id) WHERE status = 'booked';
-- The reminder sweep reads booked slots by start time.
CREATE INDEX live_slots_booked_by_start ON live_slots (starts_at) WHERE status = 'booked';

-- A session's history: every offer, pick, request for other times, reschedule and cancellation,
-- with who, when and the reason, message or note given (the audit log has the same, chained).
CREATE TABLE live_session_events (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES live_sessions (id),
    action     TEXT    NOT NULL CHECK (action IN ('offered', 'booked', 'alternatives_requested', 'rescheduled',
                                                  'cancelled')),
    actor_id   INTEGER REFERENCES users (id),
    at         TEXT    NOT NULL,
    message    TEXT    NOT NULL DEFAULT '',
    offer_no   INTEGER,
    slot_id    INTEGER REFERENCES live_slots (id)
);
CREATE INDEX live_session_events_by_session ON live_session_events (session_id, id);

-- Reminders sent for a booked slot (1 hour before, at the start): the primary key makes each
-- one go out once, across restarts and server processes.
CREATE TABLE live_reminders (
    slot_id INTEGER NOT NULL REFERENCES live_slots (id),
    kind    TEXT    NOT NULL CHECK (kind IN ('hour_before', 'start')),
    sent_at TEXT    NOT NULL,
    PRIMARY KEY (slot_id, kind)
);
