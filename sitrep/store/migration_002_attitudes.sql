-- Schema version 2: attitudes.
--
-- Attitudes are attributed wants, plans and calls ("X wants to ...", "X called for ...", "X
-- urged ..."): said by someone, but no statement that something is or was the case, so they are
-- kept apart from `claims` (which feed contradictions and event reporting). Same shape as a
-- claim; the whole record is in `json`. Their evidence rows use record_kind 'claim' with the
-- attitude's id ("<doc id>:att1"), which never collides with a claim's ("<doc id>:c1").
CREATE TABLE attitudes (
    id               TEXT PRIMARY KEY,
    doc_id           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_actor_id INTEGER REFERENCES actors(id),
    cue              TEXT,              -- lemma of the attitude word ("want", "call for", "urge")
    act              TEXT,
    hedged           INTEGER NOT NULL DEFAULT 0,
    source_type      TEXT,
    content          TEXT NOT NULL,     -- what is wanted, planned or called for
    json             TEXT NOT NULL
);
CREATE INDEX attitudes_doc ON attitudes(doc_id);
CREATE INDEX attitudes_speaker ON attitudes(speaker_actor_id);
