-- Peiyang's first schema. Plain SQL that PostgreSQL also reads, apart from
-- AUTOINCREMENT and WITHOUT ROWID: dates are TEXT 'YYYY-MM-DD', timestamps
-- TEXT RFC 3339 in UTC, booleans INTEGER 0/1, enumerations TEXT holding the
-- models' string values. A reference that is not set is NULL.

CREATE TABLE organisations (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT    NOT NULL CHECK (name <> ''),
    kind               TEXT    NOT NULL,
    region_province    TEXT    NOT NULL DEFAULT '',
    region_city        TEXT    NOT NULL DEFAULT '',
    region_county      TEXT    NOT NULL DEFAULT '',
    region_town        TEXT    NOT NULL DEFAULT '',
    region_village     TEXT    NOT NULL DEFAULT '',
    region_code        TEXT    NOT NULL DEFAULT '',
    region_text        TEXT    NOT NULL DEFAULT '', -- Region.String(), for text filters
    key_village        INTEGER NOT NULL DEFAULT 0 CHECK (key_village IN (0, 1)),
    placement_capacity INTEGER NOT NULL DEFAULT 0 CHECK (placement_capacity >= 0),
    contact_person     TEXT    NOT NULL DEFAULT '',
    contact_phone      TEXT    NOT NULL DEFAULT '',
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
CREATE INDEX organisations_kind ON organisations (kind, key_village);
CREATE INDEX organisations_key_village ON organisations (key_village);
CREATE INDEX organisations_name ON organisations (name);
CREATE INDEX organisations_region_code ON organisations (region_code);

CREATE TABLE programmes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL CHECK (name <> ''),
    inflow_org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    signed_on     TEXT,
    notes         TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX programmes_inflow_org ON programmes (inflow_org_id);

-- Programme.OutflowOrgIDs, in their order.
CREATE TABLE programme_outflow_orgs (
    programme_id INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    org_id       INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    position     INTEGER NOT NULL,
    PRIMARY KEY (programme_id, org_id)
);
CREATE INDEX programme_outflow_orgs_org ON programme_outflow_orgs (org_id);

CREATE TABLE cohorts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    programme_id    INTEGER NOT NULL REFERENCES programmes (id) ON DELETE RESTRICT,
    year            INTEGER NOT NULL,
    name            TEXT    NOT NULL CHECK (name <> ''),
    target_trainees INTEGER NOT NULL DEFAULT 0 CHECK (target_trainees >= 0),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX cohorts_programme ON cohorts (programme_id, year);
CREATE INDEX cohorts_year ON cohorts (year);

CREATE TABLE instructors (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT    NOT NULL CHECK (name <> ''),
    position        TEXT    NOT NULL DEFAULT '',
    organisation    TEXT    NOT NULL DEFAULT '',
    phone           TEXT    NOT NULL DEFAULT '',
    region_province TEXT    NOT NULL DEFAULT '',
    region_city     TEXT    NOT NULL DEFAULT '',
    region_county   TEXT    NOT NULL DEFAULT '',
    region_town     TEXT    NOT NULL DEFAULT '',
    region_village  TEXT    NOT NULL DEFAULT '',
    region_code     TEXT    NOT NULL DEFAULT '',
    max_mentees     INTEGER NOT NULL DEFAULT 0 CHECK (max_mentees >= 0),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX instructors_name ON instructors (name);
CREATE INDEX instructors_max_mentees ON instructors (max_mentees);

-- Instructor.Themes, in their order.
CREATE TABLE instructor_themes (
    instructor_id INTEGER NOT NULL REFERENCES instructors (id) ON DELETE CASCADE,
    theme         TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    PRIMARY KEY (instructor_id, theme)
);
CREATE INDEX instructor_themes_theme ON instructor_themes (theme, instructor_id);

CREATE TABLE trainees (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT    NOT NULL CHECK (name <> ''),
    gender           TEXT    NOT NULL DEFAULT '',
    ethnicity        TEXT    NOT NULL DEFAULT '',
    birth_date       TEXT,
    id_number        TEXT    NOT NULL UNIQUE CHECK (id_number <> ''),
    phone            TEXT    NOT NULL DEFAULT '',
    education        TEXT    NOT NULL DEFAULT '',
    joined_party     TEXT,
    branch           TEXT    NOT NULL DEFAULT '',
    direction        TEXT    NOT NULL,
    region_province  TEXT    NOT NULL DEFAULT '',
    region_city      TEXT    NOT NULL DEFAULT '',
    region_county    TEXT    NOT NULL DEFAULT '',
    region_town      TEXT    NOT NULL DEFAULT '',
    region_village   TEXT    NOT NULL DEFAULT '',
    region_code      TEXT    NOT NULL DEFAULT '',
    region_text      TEXT    NOT NULL DEFAULT '',
    current_district TEXT    NOT NULL DEFAULT '',
    employer         TEXT    NOT NULL DEFAULT '',
    nominated_by_id  INTEGER REFERENCES organisations (id) ON DELETE RESTRICT,
    cohort_id        INTEGER REFERENCES cohorts (id) ON DELETE RESTRICT,
    key_target       INTEGER NOT NULL DEFAULT 0 CHECK (key_target IN (0, 1)),
    notes            TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX trainees_cohort ON trainees (cohort_id);
CREATE INDEX trainees_nominated_by ON trainees (nominated_by_id);
CREATE INDEX trainees_direction ON trainees (direction);
CREATE INDEX trainees_key_target ON trainees (key_target);
CREATE INDEX trainees_region_code ON trainees (region_code);

-- The trainee search index. PERSONAL DATA: every key is a suffix of a
-- trainee's name, of the name's pinyin, of the ID number or of the phone
-- number, in clear text, tagged by its kind (see store/search.go). Rows are
-- written only through reindexTrainee and the bulk load; de-identifying or
-- erasing a trainee must remove them too.
CREATE TABLE trainee_search (
    key        TEXT    NOT NULL,
    trainee_id INTEGER NOT NULL,
    PRIMARY KEY (key, trainee_id)
) WITHOUT ROWID;

CREATE TABLE courses (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    theme               TEXT    NOT NULL,
    title               TEXT    NOT NULL CHECK (title <> ''),
    cohort_id           INTEGER REFERENCES cohorts (id) ON DELETE RESTRICT,
    start_date          TEXT    NOT NULL,
    end_date            TEXT    NOT NULL,
    venue               TEXT    NOT NULL DEFAULT '',
    capacity            INTEGER NOT NULL CHECK (capacity >= 0),
    required_hours      REAL    NOT NULL DEFAULT 0,
    min_attendance_rate REAL    NOT NULL DEFAULT 0,
    min_hours           REAL    NOT NULL DEFAULT 0,
    pass_score          REAL    NOT NULL DEFAULT 0,
    require_placement   INTEGER NOT NULL DEFAULT 0 CHECK (require_placement IN (0, 1)),
    status              TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX courses_cohort ON courses (cohort_id);
CREATE INDEX courses_theme ON courses (theme);
CREATE INDEX courses_status ON courses (status);
CREATE INDEX courses_start_date ON courses (start_date);

-- A course's sessions go with it when a course without history is deleted.
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id     INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    date          TEXT    NOT NULL,
    start_minute  INTEGER NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
    end_minute    INTEGER NOT NULL CHECK (end_minute >= 0 AND end_minute < 1440),
    venue         TEXT    NOT NULL DEFAULT '',
    instructor_id INTEGER REFERENCES instructors (id) ON DELETE RESTRICT,
    topic         TEXT    NOT NULL DEFAULT '',
    hours         REAL    NOT NULL DEFAULT 0 CHECK (hours >= 0)
);
CREATE INDEX sessions_course ON sessions (course_id, date, start_minute);
CREATE INDEX sessions_date ON sessions (date, start_minute, id);
CREATE INDEX sessions_venue ON sessions (venue, date);
CREATE INDEX sessions_instructor ON sessions (instructor_id, date);

CREATE TABLE enrolments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id     INTEGER NOT NULL REFERENCES courses (id) ON DELETE RESTRICT,
    trainee_id    INTEGER NOT NULL REFERENCES trainees (id) ON DELETE RESTRICT,
    status        TEXT    NOT NULL,
    wait_position INTEGER NOT NULL DEFAULT 0 CHECK (wait_position >= 0),
    score         REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    reason        TEXT    NOT NULL DEFAULT '',
    enrolled_at   TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (course_id, trainee_id)
);
CREATE INDEX enrolments_course_status ON enrolments (course_id, status, wait_position);
CREATE INDEX enrolments_trainee_status ON enrolments (trainee_id, status);
CREATE INDEX enrolments_status ON enrolments (status, wait_position);

CREATE TABLE attendance (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE RESTRICT,
    trainee_id  INTEGER NOT NULL REFERENCES trainees (id) ON DELETE RESTRICT,
    status      TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    PRIMARY KEY (session_id, trainee_id)
);
CREATE INDEX attendance_trainee ON attendance (trainee_id, session_id);

CREATE TABLE placements (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee_id INTEGER NOT NULL REFERENCES trainees (id) ON DELETE RESTRICT,
    village_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    start_date TEXT    NOT NULL,
    end_date   TEXT    NOT NULL,
    supervisor TEXT    NOT NULL DEFAULT '',
    grade      TEXT    NOT NULL DEFAULT '', -- '' while not evaluated
    comment    TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX placements_trainee ON placements (trainee_id, grade);
CREATE INDEX placements_village ON placements (village_id, grade);
CREATE INDEX placements_grade ON placements (grade);

CREATE TABLE mentorships (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    mentor_id  INTEGER NOT NULL REFERENCES instructors (id) ON DELETE RESTRICT,
    trainee_id INTEGER NOT NULL REFERENCES trainees (id) ON DELETE RESTRICT,
    start_date TEXT    NOT NULL,
    end_date   TEXT,
    goals      TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX mentorships_mentor ON mentorships (mentor_id, start_date);
CREATE INDEX mentorships_trainee ON mentorships (trainee_id, start_date);
CREATE INDEX mentorships_dates ON mentorships (start_date, end_date);

-- The contact log is the mentorship's history: a mentorship with contacts
-- cannot be deleted.
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    mentorship_id INTEGER NOT NULL REFERENCES mentorships (id) ON DELETE RESTRICT,
    date          TEXT    NOT NULL,
    mode          TEXT    NOT NULL,
    summary       TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL
);
CREATE INDEX contacts_mentorship ON contacts (mentorship_id, date, id);
CREATE INDEX contacts_date ON contacts (date, id);

CREATE TABLE returns (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    trainee_id  INTEGER NOT NULL REFERENCES trainees (id) ON DELETE RESTRICT,
    village_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    return_date TEXT    NOT NULL,
    notes       TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    UNIQUE (id, trainee_id) -- target of elections' (return_id, trainee_id)
);
CREATE INDEX returns_trainee ON returns (trainee_id);
CREATE INDEX returns_village ON returns (village_id);
CREATE INDEX returns_date ON returns (return_date);

-- An election's trainee is its return's trainee.
CREATE TABLE elections (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    return_id  INTEGER NOT NULL,
    trainee_id INTEGER NOT NULL REFERENCES trainees (id) ON DELETE RESTRICT,
    date       TEXT    NOT NULL,
    committee  TEXT    NOT NULL,
    post       TEXT    NOT NULL,
    result     TEXT    NOT NULL,
    term_years INTEGER NOT NULL DEFAULT 0 CHECK (term_years >= 0),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    FOREIGN KEY (return_id, trainee_id) REFERENCES returns (id, trainee_id) ON DELETE RESTRICT
);
CREATE INDEX elections_return ON elections (return_id, trainee_id);
CREATE INDEX elections_trainee ON elections (trainee_id, result);
CREATE INDEX elections_committee ON elections (committee);
CREATE INDEX elections_post ON elections (post);
CREATE INDEX elections_result ON elections (result);
CREATE INDEX elections_date ON elections (date);

-- A serial is never reused: a void certificate keeps its row.
CREATE TABLE certificates (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    serial      TEXT    NOT NULL UNIQUE CHECK (serial <> ''),
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    trainee_id  INTEGER NOT NULL REFERENCES trainees (id) ON DELETE RESTRICT,
    course_id   INTEGER NOT NULL REFERENCES courses (id) ON DELETE RESTRICT,
    hours       REAL    NOT NULL DEFAULT 0,
    issued_on   TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    void_reason TEXT    NOT NULL DEFAULT '',
    replaced_by TEXT    NOT NULL DEFAULT '',
    replaces    TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX certificates_course ON certificates (course_id);
CREATE INDEX certificates_trainee ON certificates (trainee_id);
CREATE INDEX certificates_status ON certificates (status);

CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
