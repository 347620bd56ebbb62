-- The advisory lock key of a person's identity, shared by registration and imports.
--
-- "Is this person already there? If not, create them" is a check-then-write: two transactions
-- that both check before either writes both create the person. Registration
-- (PersonRepository.lockIdentities) and the CSV people import (ImportValidation.lockIdentities)
-- therefore take a transaction-level advisory lock on every identity they are about to look up,
-- and only then look (READ COMMITTED: the look-up sees whatever the lock's previous holder committed).
--
-- Until now the key was a 64-bit hash of the identity itself, one lock per person. An import
-- of a million people cannot hold a million locks: each takes a slot in the server's shared lock
-- table, sized max_locks_per_transaction × (max_connections + max_prepared_transactions)
-- = 64 × 100 = 6,400 by default, and a full table makes every transaction on the server that
-- needs a new lock fail with "out of shared memory". Big imports locked the person table instead,
-- which does not close the race: a registration that had already looked (no match) waited on its
-- INSERT until the import committed and then created a second copy of a person the import had
-- just created.
--
-- So the identity is hashed into one of 1,024 BUCKETS, and the lock is on the bucket. The same
-- identity always lands in the same bucket, so the check-then-write stays serialised; distinct
-- people who share a bucket merely wait for each other. Whatever runs at once, the whole server
-- holds at most 1,024 of these locks (one slot per bucket, exclusive), plus one waiting entry per
-- waiting session: 16% of the default table at most, so neither an import nor a registration can
-- fill it. An import locks the buckets of its rows (every bucket, for a big file), so it waits for
-- the registrations in flight on those buckets and holds new ones back until it commits.
-- Why 1,024: 512 would halve that worst case but double the chance that two unrelated
-- registrations meet (two teams of four: 1 - (1 - 4/1024)^4 ≈ 1.6% at 1,024, 3% at 512; a
-- meeting costs the second a wait of one short transaction), and a small import blocks fewer
-- registrations the more buckets there are; 4,096 would take most of the default table.
--
-- Deadlock-free: every caller takes its keys in ascending order, and keys ascend with buckets.
-- Key layout: high 32 bits 1346720339 ('PERS' in ASCII), low 32 bits the bucket, so pg_locks
-- shows them as locktype 'advisory', classid 1346720339, objid = bucket. Other advisory locks of
-- SchoolNet (the migrator's, an organisation's municipality) use other keys.
--
-- The identity is the one person matching uses (PersonRepository.identify, the import's
-- matchPeople): normalised surname and first name, then the birth date, or without one the
-- organisation (a person without a birth date matches only at an organisation). Neither: NULL,
-- no lock (no such person is ever matched). The patronymic is left out, as it may be missing on
-- either side of a match. The birth date enters as a day number, not date::text, whose spelling
-- depends on the session's DateStyle: the key must be the same in every session.

CREATE FUNCTION person_identity_lock_key(last_name text, first_name text, birth_date date, organisation_id bigint)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN birth_date IS NOT NULL OR organisation_id IS NOT NULL THEN
    (1346720339::bigint << 32)
    + (hashtextextended(
           normalize_person_name(last_name) || ' ' || normalize_person_name(first_name) || ' '
           || coalesce('born ' || (birth_date - DATE '2000-01-01'), 'org ' || organisation_id),
           0) & 1023)
END;

COMMENT ON FUNCTION person_identity_lock_key(text, text, date, bigint) IS
    'advisory lock key of a person identity (name + birth date, else + organisation): one of 1,024 buckets; lock in ascending order (0011)';

-- Every key person_identity_lock_key can return, ascending: what an import of a big file locks
-- instead of hashing each of its rows (it would hit nearly every bucket anyway).
CREATE FUNCTION person_identity_lock_keys() RETURNS SETOF bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT (1346720339::bigint << 32) + b FROM generate_series(0, 1023) AS b ORDER BY b
$$;

COMMENT ON FUNCTION person_identity_lock_keys() IS
    'every key person_identity_lock_key returns, ascending (what a big import locks) (0011)';
