/* schema.c - the database schema as a list of migrations.
 *
 * Each step runs in its own transaction with the user_version bump inside
 * it, so a crash leaves the database at one version or the next, never
 * between.  A new step is appended; a shipped one is never edited.
 *
 * CHECK constraints list their values as OR chains, not IN lists: SQLite
 * builds a temporary index for an IN list each time a row is checked, which
 * was most of the cost of a bulk import.
 */
#include "store/store.h"
#include "store/schema.h"

static const char v1[] =
"CREATE TABLE units("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  name TEXT NOT NULL,"
"  kind TEXT NOT NULL CHECK(kind = 'county' OR kind = 'centre' OR kind = 'street' OR kind = 'community' OR kind = 'estate' OR kind = 'pairing' OR kind = 'department'),"
"  parent_id INTEGER REFERENCES units(id),"
"  contact TEXT,"
"  phone TEXT,"
"  updated INTEGER NOT NULL"
");"
"CREATE INDEX units_parent ON units(parent_id);"
"CREATE TABLE people("
"  id INTEGER PRIMARY KEY,"
"  name TEXT NOT NULL,"
"  phone TEXT,"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  role TEXT NOT NULL,"
"  updated INTEGER NOT NULL,"
"  UNIQUE(unit_id, name)"
");"
"CREATE TABLE covers("
"  person_id INTEGER NOT NULL REFERENCES people(id),"
"  estate_id INTEGER NOT NULL REFERENCES units(id),"
"  PRIMARY KEY(person_id, estate_id)"
") WITHOUT ROWID;"
"CREATE INDEX covers_estate ON covers(estate_id);"
"CREATE TABLE cases("
"  id INTEGER PRIMARY KEY,"
"  channel TEXT NOT NULL CHECK(channel = 'visit' OR channel = 'hall' OR channel = 'hotline' OR channel = 'wechat' OR channel = 'other'),"
"  ref TEXT NOT NULL,"
"  received INTEGER NOT NULL,"
"  reporter TEXT,"
"  phone TEXT,"
"  address TEXT,"
"  street_id INTEGER REFERENCES units(id),"
"  community_id INTEGER REFERENCES units(id),"
"  estate_id INTEGER REFERENCES units(id),"
"  category TEXT,"
"  text TEXT NOT NULL,"
"  collector TEXT,"
"  collector_id INTEGER REFERENCES people(id),"
"  unit_id INTEGER REFERENCES units(id),"
"  tier TEXT CHECK(tier = 'community' OR tier = 'street' OR tier = 'county'),"
"  resp_id INTEGER REFERENCES units(id),"
"  first_id INTEGER REFERENCES units(id),"
"  contact_id INTEGER REFERENCES people(id),"
"  status TEXT NOT NULL DEFAULT 'new'"
"    CHECK(status = 'new' OR status = 'open' OR status = 'resolved' OR status = 'closed' OR status = 'void'),"
"  routed INTEGER,"
"  due INTEGER,"
"  colour TEXT CHECK(colour = 'blue' OR colour = 'yellow' OR colour = 'red'),"
"  resolved INTEGER,"
"  closed INTEGER,"
"  resolution TEXT,"
"  reopens INTEGER NOT NULL DEFAULT 0,"
"  hotline_hits INTEGER NOT NULL DEFAULT 0,"
"  attempts INTEGER NOT NULL DEFAULT 0,"
"  void_reason TEXT,"
"  updated INTEGER NOT NULL,"
"  UNIQUE(channel, ref)"
");"
/* Supervision, routing and call-back passes look for cases by status. */
"CREATE INDEX cases_status ON cases(status, due);"
"CREATE TABLE events("
"  id INTEGER PRIMARY KEY,"
"  case_id INTEGER,"
"  at INTEGER NOT NULL,"
"  operator TEXT NOT NULL,"
"  kind TEXT NOT NULL,"
"  details TEXT"
");"
"CREATE INDEX events_case ON events(case_id) WHERE case_id IS NOT NULL;"
"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
"CREATE TABLE meetings("
"  id INTEGER PRIMARY KEY,"
"  held INTEGER NOT NULL,"
"  units TEXT NOT NULL,"
"  decision TEXT NOT NULL,"
"  lead_id INTEGER REFERENCES units(id),"
"  due INTEGER,"
"  operator TEXT NOT NULL,"
"  created INTEGER NOT NULL"
");"
"CREATE TABLE meeting_cases("
"  meeting_id INTEGER NOT NULL REFERENCES meetings(id),"
"  case_id INTEGER NOT NULL REFERENCES cases(id),"
"  PRIMARY KEY(meeting_id, case_id)"
") WITHOUT ROWID;"
"CREATE TABLE callbacks("
"  id INTEGER PRIMARY KEY,"
"  case_id INTEGER NOT NULL REFERENCES cases(id),"
"  at INTEGER NOT NULL,"
"  outcome TEXT NOT NULL CHECK(outcome = 'satisfied' OR outcome = 'basic' OR outcome = 'dissatisfied' OR outcome = 'unreachable'),"
"  note TEXT,"
"  operator TEXT NOT NULL"
");"
"CREATE INDEX callbacks_case ON callbacks(case_id);"
"CREATE TABLE models("
"  id INTEGER PRIMARY KEY,"
"  name TEXT NOT NULL,"
"  trained INTEGER NOT NULL,"
"  examples INTEGER NOT NULL,"
"  data BLOB NOT NULL"
");";

/* Supervision and reconciliation: when each open case must next be looked
 * at (so a pass costs what changed), and the hotline records with the
 * deductions booked for what the teams missed. */
static const char v2[] =
"ALTER TABLE cases ADD COLUMN watch INTEGER;"
"CREATE INDEX cases_watch ON cases(watch) WHERE status = 'open';"
"CREATE TABLE hotline("
"  id INTEGER PRIMARY KEY,"
"  ticket TEXT NOT NULL UNIQUE,"
"  received INTEGER NOT NULL,"
"  phone TEXT,"
"  reporter TEXT,"
"  address TEXT,"
"  street_id INTEGER REFERENCES units(id),"
"  community_id INTEGER REFERENCES units(id),"
"  estate_id INTEGER REFERENCES units(id),"
"  category TEXT,"
"  text TEXT,"
"  source TEXT,"
"  imported INTEGER NOT NULL,"
"  updated INTEGER NOT NULL,"
"  outcome TEXT CHECK(outcome = 'matched' OR outcome = 'missed' OR outcome = 'outside'),"
"  case_id INTEGER REFERENCES cases(id),"
"  score REAL"
");"
"CREATE INDEX hotline_case ON hotline(case_id);"
"CREATE TABLE deductions("
"  id INTEGER PRIMARY KEY,"
"  month TEXT NOT NULL,"
"  unit_id INTEGER REFERENCES units(id),"
"  person_id INTEGER REFERENCES people(id),"
"  points REAL NOT NULL,"
"  reason TEXT NOT NULL,"
"  hotline_id INTEGER REFERENCES hotline(id),"
"  created INTEGER NOT NULL,"
"  UNIQUE(hotline_id)"
");"
"CREATE INDEX deductions_month ON deductions(month);";

/* Reconciliation: a record's digest (so an export seen again changes
 * nothing), why it is outside, the street and community columns as the
 * export gave them (to explain a match later); and cases by time, which
 * is how the hotline's window finds them. */
static const char v3[] =
"ALTER TABLE hotline ADD COLUMN digest TEXT;"
"ALTER TABLE hotline ADD COLUMN note TEXT;"
"ALTER TABLE hotline ADD COLUMN given_street TEXT;"
"ALTER TABLE hotline ADD COLUMN given_community TEXT;"
"CREATE INDEX cases_received ON cases(received);";

/* The audit trail: each event's hash covers its content and the hash of
 * the event before it; each case keeps the hash of its latest event. */
static const char v4[] =
"ALTER TABLE events ADD COLUMN hash TEXT;"
"ALTER TABLE cases ADD COLUMN evhash TEXT;";

/* Corrections: each file intake reads is an import batch that can be undone
 * (its cases are the ids it added, in one transaction: a range); a case
 * flagged as a possible duplicate names the case it may repeat (intake
 * finds a resident's earlier cases through the index of received times,
 * in memory: an index by phone would cost every insert); a case keeps the
 * digest of the row it was last read from, so a file read again costs one
 * probe a row and does not undo a correction made by hand. */
static const char v5[] =
"CREATE TABLE imports("
"  id INTEGER PRIMARY KEY,"
"  file TEXT NOT NULL,"
"  digest TEXT,"
"  at INTEGER NOT NULL,"
"  operator TEXT NOT NULL,"
"  added INTEGER NOT NULL,"
"  amended INTEGER NOT NULL,"
"  known INTEGER NOT NULL,"
"  rejected INTEGER NOT NULL,"
"  first_case INTEGER,"
"  last_case INTEGER,"
"  undone INTEGER,"
"  undo_note TEXT,"
"  undo_operator TEXT"
");"
"ALTER TABLE cases ADD COLUMN dup_of INTEGER REFERENCES cases(id);"
"ALTER TABLE cases ADD COLUMN row_digest TEXT;"
"CREATE INDEX cases_dup ON cases(dup_of) WHERE dup_of IS NOT NULL;";

/* The task force's decisions on misses: a month whose bulletin is published
 * is frozen (a later re-check lists its misses instead of changing them);
 * why a demand was missed is kept with its hotline record; a call-back made
 * by a visit (上门回访) says so; and the misses by time, which is how each
 * reconcile run finds those it checks again. */
static const char v6[] =
"CREATE TABLE published("
"  month TEXT PRIMARY KEY,"
"  at INTEGER NOT NULL,"
"  operator TEXT NOT NULL"
");"
"ALTER TABLE hotline ADD COLUMN cause TEXT;"
"ALTER TABLE callbacks ADD COLUMN visit INTEGER NOT NULL DEFAULT 0;"
"CREATE INDEX hotline_missed ON hotline(received) WHERE outcome = 'missed';";

/* Sign, return, extend: when the unit must sign for a routed case and when
 * it did; the routing rule that placed it (so returns can be grouped by
 * rule); when escalate flagged it unsigned; an extension asked for and
 * not yet decided (its working days), and how many were approved; and
 * each return with the unit that made it and the rule that misrouted. */
static const char v7[] =
"ALTER TABLE cases ADD COLUMN rule TEXT;"
"ALTER TABLE cases ADD COLUMN sign_due INTEGER;"
"ALTER TABLE cases ADD COLUMN signed INTEGER;"
"ALTER TABLE cases ADD COLUMN unsigned_at INTEGER;"
"ALTER TABLE cases ADD COLUMN ext_asked INTEGER;"
"ALTER TABLE cases ADD COLUMN extensions INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE cases ADD COLUMN returns INTEGER NOT NULL DEFAULT 0;"
"CREATE TABLE returns("
"  id INTEGER PRIMARY KEY,"
"  case_id INTEGER NOT NULL REFERENCES cases(id),"
"  unit_id INTEGER REFERENCES units(id),"
"  rule TEXT,"
"  at INTEGER NOT NULL,"
"  note TEXT NOT NULL"
");"
"CREATE INDEX returns_case ON returns(case_id);"
"CREATE INDEX returns_rule ON returns(rule);";

/* The first two of the "four ones": a collection team (小分队) covers a
 * community's estates, with its two co-captains (the 包小区干部 and the
 * 民情书记) and its members by role; the platforms where residents are
 * heard (议事厅, 调解室, 驿站); and the sessions held there (接访日, 八方议事,
 * 调解) with their participants by role and the cases heard, each marked
 * when it was settled there.  A case keeps the team that collected it, the
 * activity it was collected at (敲门行动, 红色星期天, ...), the tier the team
 * proposed (办理类型) and the platform where it was raised. */
static const char v8[] =
"CREATE TABLE teams("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  name TEXT NOT NULL,"
"  community_id INTEGER NOT NULL REFERENCES units(id),"
"  captain_id INTEGER REFERENCES people(id),"
"  secretary_id INTEGER REFERENCES people(id),"
"  updated INTEGER NOT NULL"
");"
"CREATE TABLE team_estates("
"  team_id INTEGER NOT NULL REFERENCES teams(id),"
"  estate_id INTEGER NOT NULL REFERENCES units(id),"
"  PRIMARY KEY(team_id, estate_id)"
") WITHOUT ROWID;"
"CREATE INDEX team_estates_estate ON team_estates(estate_id);"
"CREATE TABLE team_members("
"  team_id INTEGER NOT NULL REFERENCES teams(id),"
"  person_id INTEGER NOT NULL REFERENCES people(id),"
"  role TEXT NOT NULL,"
"  PRIMARY KEY(team_id, person_id)"
") WITHOUT ROWID;"
"CREATE INDEX team_members_person ON team_members(person_id);"
"CREATE TABLE platforms("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  kind TEXT NOT NULL CHECK(kind = 'hall' OR kind = 'mediation' OR kind = 'station'),"
"  name TEXT NOT NULL,"
"  community_id INTEGER REFERENCES units(id),"
"  estate_id INTEGER REFERENCES units(id),"
"  updated INTEGER NOT NULL"
");"
"CREATE TABLE sessions("
"  id INTEGER PRIMARY KEY,"
"  platform_id INTEGER REFERENCES platforms(id),"
"  community_id INTEGER REFERENCES units(id),"
"  held INTEGER NOT NULL,"
"  kind TEXT NOT NULL CHECK(kind = 'reception' OR kind = 'deliberation' OR kind = 'mediation'),"
"  outcome TEXT NOT NULL,"
"  operator TEXT NOT NULL,"
"  created INTEGER NOT NULL"
");"
"CREATE INDEX sessions_held ON sessions(held);"
"CREATE TABLE session_people("
"  id INTEGER PRIMARY KEY,"
"  session_id INTEGER NOT NULL REFERENCES sessions(id),"
"  role TEXT NOT NULL,"
"  name TEXT NOT NULL,"
"  person_id INTEGER REFERENCES people(id)"
");"
"CREATE INDEX session_people_session ON session_people(session_id);"
"CREATE TABLE session_cases("
"  session_id INTEGER NOT NULL REFERENCES sessions(id),"
"  case_id INTEGER NOT NULL REFERENCES cases(id),"
"  settled INTEGER NOT NULL DEFAULT 0,"
"  PRIMARY KEY(session_id, case_id)"
") WITHOUT ROWID;"
"CREATE INDEX session_cases_case ON session_cases(case_id);"
"ALTER TABLE cases ADD COLUMN team_id INTEGER REFERENCES teams(id);"
"ALTER TABLE cases ADD COLUMN activity TEXT;"
"ALTER TABLE cases ADD COLUMN proposed_tier TEXT"
"  CHECK(proposed_tier = 'community' OR proposed_tier = 'street' OR proposed_tier = 'county');"
"ALTER TABLE cases ADD COLUMN platform_id INTEGER REFERENCES platforms(id);"
"CREATE INDEX cases_team ON cases(team_id) WHERE team_id IS NOT NULL;";

const struct mi_migration mi_migrations[] = {
	{ 1, v1 },
	{ 2, v2 },
	{ 3, v3 },
	{ 4, v4 },
	{ 5, v5 },
	{ 6, v6 },
	{ 7, v7 },
	{ 8, v8 },
};
const size_t mi_nmigrations = MI_ARRAY_LEN(mi_migrations);
