-- Elections as the law has them (see models/elections.go).
--
-- 1. 副职 ("deputy") is not a post: a deputy on a party organisation's
--    committee is its 副书记 (deputy_secretary), on a villagers' or
--    residents' committee its 副主任 (deputy_chair). The committee says
--    which, so the post is rewritten, and each rewrite is recorded in the
--    audit trail.
-- 2. Nobody is appointed to a villagers' or residents' committee, nor as
--    书记兼主任, and each committee has only its own posts. Records that
--    break these rules are NOT changed (only the office knows whether the
--    person was elected or the record is wrong): they are listed in
--    review_items, which `peiyang check` and the window show until each is
--    corrected.

INSERT INTO audit_log (at, os_user, user_name, action, entity, entity_id, before, after)
SELECT strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'), '', 'schema 3', 'update', 'elections', CAST(id AS TEXT),
       json_object('post', post),
       json_object('post', CASE WHEN committee IN ('village_party', 'community_party')
                                THEN 'deputy_secretary' ELSE 'deputy_chair' END)
FROM elections WHERE post = 'deputy';

UPDATE elections
SET post = CASE WHEN committee IN ('village_party', 'community_party') THEN 'deputy_secretary' ELSE 'deputy_chair' END,
    updated_at = strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')
WHERE post = 'deputy';

-- A record a migration found breaking a rule it did not change. rule is a
-- code (appointed_elected_post, post_not_on_committee); entity and
-- entity_id name the record, which may since have been corrected or
-- deleted.
CREATE TABLE review_items (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    version   INTEGER NOT NULL,
    found_at  TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id INTEGER NOT NULL,
    rule      TEXT    NOT NULL,
    UNIQUE (entity, entity_id, rule)
);

INSERT INTO review_items (version, found_at, entity, entity_id, rule)
SELECT 3, strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'), 'elections', id, 'post_not_on_committee'
FROM elections
WHERE (committee IN ('village_party', 'community_party')
       AND post NOT IN ('secretary', 'deputy_secretary', 'member', 'secretary_and_chair'))
   OR (committee IN ('villagers', 'residents')
       AND post NOT IN ('chair', 'deputy_chair', 'member'));

INSERT INTO review_items (version, found_at, entity, entity_id, rule)
SELECT 3, strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'), 'elections', id, 'appointed_elected_post'
FROM elections
WHERE result = 'appointed'
  AND (committee IN ('villagers', 'residents') OR post = 'secretary_and_chair');
