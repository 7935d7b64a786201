-- sitrep store, migration 001: the initial schema.
--
-- One SQLite file holds the ingested documents and everything extracted from them. Every fact
-- (event, claim, transfer, actor mention, place) has evidence: rows in `evidence` with the
-- sentence and the character offsets into documents.text (the NORMALISED text).
--
-- Conventions:
--   * Record ids (events.id, claims.id, transfers.id) are the extractor's ids, "<doc id>:e1".
--   * The `json` column of events, claims, transfers holds the whole record as JSON, exactly as
--     `sitrep extract` writes it (sitrep.model.to_dict); the other columns are copies of its
--     fields for querying. Actors in the JSON are the document's actors; the *_actor_id columns
--     point to the shared `actors` table.
--   * Booleans are 0/1. Dates are text: YYYY-MM-DD, YYYY-MM or YYYY.
--   * "start" and "end" are SQL keywords: quote them ("end") in hand-written queries.
--   * Deleting a document deletes everything extracted from it (ON DELETE CASCADE); actors are
--     shared across documents and stay (sitrep prunes unreferenced ones when it replaces a
--     document).
--
-- Example:  SELECT e.type, s.name, t.name, v.text
--           FROM events e LEFT JOIN actors s ON s.id = e.source_actor_id
--           LEFT JOIN actors t ON t.id = e.target_actor_id
--           JOIN evidence v ON v.record_kind = 'event' AND v.record_id = e.id;

-- An ingested article.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,       -- document id (given by the input, or doc-<hash16>)
    url         TEXT,                   -- article URL, when known
    title       TEXT,                   -- headline
    published   TEXT,                   -- publication date, YYYY-MM-DD or YYYY-MM
    source      TEXT,                   -- where it was read from: "path" or "path:line"
    hash        TEXT NOT NULL UNIQUE,   -- sha256 of the whitespace-normalised text (dedupe)
    text        TEXT NOT NULL,          -- normalised text; all offsets refer to it
    ingested_at TEXT NOT NULL,          -- when stored, UTC ISO 8601
    warnings    TEXT NOT NULL DEFAULT '[]'  -- JSON list of the extractor's warnings
);
CREATE INDEX documents_published ON documents(published);

-- Sentences of each document, as the extractor split them.
CREATE TABLE sentences (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,           -- 0-based sentence index (evidence.sentence)
    start   INTEGER NOT NULL,           -- offset of the first character in documents.text
    "end"   INTEGER NOT NULL,           -- offset just past the last character
    text    TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

-- Actors, shared across documents: one row per (name, country, sector, kind).
CREATE TABLE actors (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,              -- "Pakistan", "Nikos Petrou", "Ministry of Defence"
    country TEXT,                       -- ISO 3166-1 alpha-3, upper case; NULL when unknown
    sector  TEXT,                       -- GOV, MIL, POL, REB, IGO, MED, BUS, CVL, SPY or NULL
    role    TEXT,                       -- a person's office, as first seen ("Defence Minister")
    kind    TEXT NOT NULL,              -- country, person, organisation, group, anonymous
    UNIQUE (name, country, sector, kind)
);
-- UNIQUE above treats NULLs as distinct; this index makes NULL country/sector count as equal.
CREATE UNIQUE INDEX actors_identity ON actors(name, ifnull(country, ''), ifnull(sector, ''), kind);
CREATE INDEX actors_country ON actors(country);

-- Evidence: a span of a sentence supporting one record.
CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence    INTEGER NOT NULL,       -- sentence index (sentences.idx)
    start       INTEGER NOT NULL,       -- offsets into documents.text of the supporting words
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,          -- the whole sentence
    record_kind TEXT NOT NULL CHECK (record_kind IN ('event', 'claim', 'transfer', 'actor', 'place')),
    record_id   TEXT NOT NULL           -- events/claims/transfers.id, or actors/places.id as text
);
CREATE INDEX evidence_record ON evidence(record_kind, record_id);
CREATE INDEX evidence_doc ON evidence(doc_id);

-- The actors a document mentions, with the document-level actor record as JSON
-- (its document-local id, role and mentions) so that an extraction can be rebuilt.
CREATE TABLE doc_actors (
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    local_id TEXT,                      -- the actor's id in the extraction ("<doc id>:a1")
    json     TEXT NOT NULL,             -- the Actor record as JSON
    PRIMARY KEY (doc_id, actor_id, local_id)
);
CREATE INDEX doc_actors_actor ON doc_actors(actor_id);

-- One row per mention of an actor in a document.
CREATE TABLE actor_mentions (
    id          INTEGER PRIMARY KEY,
    actor_id    INTEGER NOT NULL REFERENCES actors(id),
    doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    evidence_id INTEGER REFERENCES evidence(id) ON DELETE CASCADE
);
CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
CREATE INDEX actor_mentions_doc ON actor_mentions(doc_id);

-- Places named in a document, resolved to coordinates when the gazetteer knows them.
CREATE TABLE places (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    country     TEXT,                   -- ISO alpha-3
    lat         REAL,
    lon         REAL,
    feature     TEXT,                   -- country, region, city, feature, disputed
    evidence_id INTEGER REFERENCES evidence(id) ON DELETE SET NULL,  -- first evidence
    json        TEXT NOT NULL           -- the Place record as JSON
);
CREATE INDEX places_doc ON places(doc_id);

-- PLOVER events.
CREATE TABLE events (
    id               TEXT PRIMARY KEY,  -- record id
    doc_id           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type             TEXT NOT NULL,     -- PLOVER type, upper case (ACCUSE, ASSAULT, ...)
    mode             TEXT,              -- PLOVER mode
    quad             TEXT,              -- verbal/material cooperation/conflict
    cameo            TEXT,              -- CAMEO root code, two digits
    source_actor_id  INTEGER REFERENCES actors(id),
    target_actor_id  INTEGER REFERENCES actors(id),
    date             TEXT,              -- YYYY-MM-DD, YYYY-MM or YYYY
    date_granularity TEXT,              -- day, month, year
    date_source      TEXT,              -- text or publication
    place_id         INTEGER REFERENCES places(id) ON DELETE SET NULL,
    negated          INTEGER NOT NULL DEFAULT 0,
    modality         TEXT,              -- asserted, planned, threatened, alleged, ...
    trigger          TEXT,              -- the word(s) that express the event
    uncertain        INTEGER NOT NULL DEFAULT 0,
    json             TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_source ON events(source_actor_id);
CREATE INDEX events_target ON events(target_actor_id);
CREATE INDEX events_date ON events(date);

-- Attributed statements.
CREATE TABLE claims (
    id               TEXT PRIMARY KEY,
    doc_id           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_actor_id INTEGER REFERENCES actors(id),
    stance           TEXT NOT NULL,     -- assert or deny
    cue              TEXT,              -- lemma of the reporting word ("deny", "according to")
    act              TEXT,              -- finer speech act: accuse, allege, deny, warn, ...
    hedged           INTEGER NOT NULL DEFAULT 0,
    factuality       REAL,              -- -3..+3
    source_type      TEXT,              -- named_person, institution, anonymous, document, media, unattributed
    quote_type       TEXT,              -- direct, indirect, mixed, according_to, nominal, hedged
    content          TEXT NOT NULL,     -- the claimed proposition
    json             TEXT NOT NULL
);
CREATE INDEX claims_doc ON claims(doc_id);
CREATE INDEX claims_speaker ON claims(speaker_actor_id);

-- Arms transfers (SIPRI terms).
CREATE TABLE transfers (
    id                 TEXT PRIMARY KEY,
    doc_id             TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    supplier_actor_id  INTEGER REFERENCES actors(id),
    recipient_actor_id INTEGER REFERENCES actors(id),
    system             TEXT NOT NULL,   -- weapon designation or description
    category           TEXT,            -- SIPRI weapon category
    quantity           INTEGER,
    quantity_text      TEXT,
    status             TEXT NOT NULL,   -- offered, planned, ordered, delivered, alleged, unknown
    value              TEXT,
    year               INTEGER,
    json               TEXT NOT NULL
);
CREATE INDEX transfers_doc ON transfers(doc_id);
CREATE INDEX transfers_supplier ON transfers(supplier_actor_id);
CREATE INDEX transfers_recipient ON transfers(recipient_actor_id);

-- Which claims report which events / transfers.
CREATE TABLE event_claims (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, claim_id)
) WITHOUT ROWID;
CREATE INDEX event_claims_claim ON event_claims(claim_id);

CREATE TABLE transfer_claims (
    transfer_id TEXT NOT NULL REFERENCES transfers(id) ON DELETE CASCADE,
    claim_id    TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (transfer_id, claim_id)
) WITHOUT ROWID;
CREATE INDEX transfer_claims_claim ON transfer_claims(claim_id);

-- Full-text search. These FTS5 tables keep their own copy of the text (not external content:
-- documents and claims have TEXT keys, whose implicit rowids VACUUM may renumber) and are kept
-- in sync by the triggers below. Query:  SELECT doc_id FROM documents_fts WHERE documents_fts
-- MATCH '"rafale"';
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, doc_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE claims_fts USING fts5(
    content, claim_id UNINDEXED, doc_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (title, text, doc_id) VALUES (new.title, new.text, new.id);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    DELETE FROM documents_fts WHERE doc_id = old.id;
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF id, title, text ON documents BEGIN
    DELETE FROM documents_fts WHERE doc_id = old.id;
    INSERT INTO documents_fts (title, text, doc_id) VALUES (new.title, new.text, new.id);
END;

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (content, claim_id, doc_id) VALUES (new.content, new.id, new.doc_id);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claims_fts WHERE claim_id = old.id;
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF id, content ON claims BEGIN
    DELETE FROM claims_fts WHERE claim_id = old.id;
    INSERT INTO claims_fts (content, claim_id, doc_id) VALUES (new.content, new.id, new.doc_id);
END;
