"""The database schema: one list of named migrations, applied in order, recorded in ``schema_version``.

A migration is never edited once released; a change is a new entry at the end. Opening a database whose
``schema_version`` is higher than the last migration here is refused (:class:`~flashpoint.errors.NewerSchema`),
so an old Flashpoint never writes into a newer layout.

Tables::

    schema_version  version, name, applied_at                     one row per applied migration
    sources         name, first_seen                             outlets ("Dawn", a feed's title)
    articles        id, url, source, title, published, origin, text, coder, ingested_at
    mentions        id, article_id, article_event_id, the evidence (sentence, offsets, trigger, rule) and what
                    the mention itself said (type, codes, status, actors, recipients, date, place)
    article_events  id, article_id, event_id, ...                one article's event (the within-article merge);
                    the unit of the cross-article merge; event_id is the merged event it belongs to
    events          id, type/mode/context/CAMEO/quad/Goldstein, date, status, place_id, counts,
                    coder and dictionary_version                 one real-world event
    event_actors    event_id, role ('actor'|'recipient'), position, text, code, country, sector, name, actor_id
    places          id, text, name, geonames_id, country, admin1, lat, lon, precision
    links           from_unit, to_unit, kind ('responds_to')     between article events; the view
                    event_links lifts them to merged events
    failures        origin, article_id, stage, code, message, failed_at
    superseded      id, content_hash, article_id, kind ('revision'|'duplicate'), url, title, published, origin,
                    text, recorded_at                            an article's older versions (text kept) and the
                                                                 ids that repeat a stored article's text

``articles`` also has content_hash and revision, ``article_events`` num_mentions (0002) and words (0003).
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", """
CREATE TABLE sources (
    name        VARCHAR PRIMARY KEY,
    first_seen  TIMESTAMP NOT NULL
);
CREATE TABLE articles (
    id          VARCHAR PRIMARY KEY,
    url         VARCHAR,
    source      VARCHAR,
    title       VARCHAR,
    published   DATE,
    origin      VARCHAR,
    text        VARCHAR NOT NULL,
    coder       VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE places (
    id          VARCHAR PRIMARY KEY,
    text        VARCHAR,
    name        VARCHAR NOT NULL,
    geonames_id BIGINT,
    country     VARCHAR,
    admin1      VARCHAR,
    lat         DOUBLE,
    lon         DOUBLE,
    precision   VARCHAR
);
CREATE TABLE article_events (
    id             VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    event_id       VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    event          VARCHAR NOT NULL,
    mode           VARCHAR,
    context        VARCHAR[],
    cameo          VARCHAR,
    quad           INTEGER,
    goldstein      DOUBLE,
    status         VARCHAR NOT NULL,
    date           DATE,
    date_precision VARCHAR,
    place_id       VARCHAR,
    place_text     VARCHAR,
    actors         JSON NOT NULL,
    recipients     JSON NOT NULL,
    coder          VARCHAR NOT NULL
);
CREATE INDEX article_events_type_date ON article_events (event, status, date);
CREATE TABLE mentions (
    id               VARCHAR PRIMARY KEY,
    article_id       VARCHAR NOT NULL,
    article_event_id VARCHAR,
    position         INTEGER NOT NULL,
    sentence         VARCHAR NOT NULL,
    "start"          INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    trigger          VARCHAR NOT NULL,
    trigger_start    INTEGER NOT NULL,
    rule             VARCHAR NOT NULL,
    event            VARCHAR NOT NULL,
    mode             VARCHAR,
    cameo            VARCHAR,
    status           VARCHAR NOT NULL,
    actors           JSON NOT NULL,
    recipients       JSON NOT NULL,
    date             DATE,
    date_precision   VARCHAR,
    date_text        VARCHAR,
    place_id         VARCHAR
);
CREATE TABLE events (
    id                 VARCHAR PRIMARY KEY,
    event              VARCHAR NOT NULL,
    mode               VARCHAR,
    context            VARCHAR[],
    cameo              VARCHAR,
    quad               INTEGER,
    goldstein          DOUBLE,
    status             VARCHAR NOT NULL,
    date               DATE,
    date_precision     VARCHAR,
    place_id           VARCHAR,
    num_mentions       INTEGER NOT NULL,
    num_articles       INTEGER NOT NULL,
    num_sources        INTEGER NOT NULL,
    coder              VARCHAR NOT NULL,
    dictionary_version VARCHAR NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE TABLE event_actors (
    event_id  VARCHAR NOT NULL,
    role      VARCHAR NOT NULL,
    position  INTEGER NOT NULL,
    text      VARCHAR,
    code      VARCHAR,
    country   VARCHAR,
    sector    VARCHAR,
    name      VARCHAR,
    actor_id  VARCHAR,
    PRIMARY KEY (event_id, role, position)
);
CREATE TABLE links (
    from_unit VARCHAR NOT NULL,
    to_unit   VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL,
    PRIMARY KEY (from_unit, to_unit, kind)
);
CREATE VIEW event_links AS
    SELECT DISTINCT a.event_id AS event_id, b.event_id AS responds_to, l.kind
    FROM links l JOIN article_events a ON a.id = l.from_unit JOIN article_events b ON b.id = l.to_unit
    WHERE a.event_id <> b.event_id;
CREATE TABLE failures (
    origin     VARCHAR NOT NULL,
    article_id VARCHAR,
    stage      VARCHAR NOT NULL,
    code       VARCHAR NOT NULL,
    message    VARCHAR NOT NULL,
    failed_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (origin, stage, code)
);
CREATE VIEW dyads AS
    SELECT a.code AS actor, r.code AS recipient, e.event, e.quad, e.date, e.goldstein, e.id AS event_id
    FROM events e
    JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'
    JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient';
"""),
)

MIGRATIONS += (
    # One article, with revisions: an article's text hash (the same text under two ids is one article) and its
    # revision number; the versions a revision replaced and the ids found to repeat a stored text, so that
    # reading them again is "seen". Each report's mention count is kept on its row, so a merged event's count is
    # a sum over its reports, not a scan of every mention. The indexes serve the per-batch identity lookups.
    ("0002_article_identity", """
ALTER TABLE articles ADD COLUMN content_hash VARCHAR;
ALTER TABLE articles ADD COLUMN revision INTEGER DEFAULT 1;
ALTER TABLE article_events ADD COLUMN num_mentions INTEGER DEFAULT 0;
UPDATE article_events SET num_mentions = (SELECT count(*) FROM mentions m WHERE m.article_event_id = article_events.id);
CREATE TABLE superseded (
    id           VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    article_id   VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    url          VARCHAR,
    title        VARCHAR,
    published    DATE,
    origin       VARCHAR,
    text         VARCHAR,
    recorded_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (id, content_hash)
);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_content_hash ON articles (content_hash);
"""),
)

MIGRATIONS += (
    # The words of each report's evidence sentences (flashpoint.merge.across.evidence_words), which decide which of
    # several records a report fits joins. Reports stored before have none, and join as they did.
    ("0003_evidence_words", """
ALTER TABLE article_events ADD COLUMN words VARCHAR[] DEFAULT [];
"""),
)

SCHEMA_VERSION = len(MIGRATIONS)

VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)"""
