-- Moving accounts and fan-outs in batches (issue 15).
--
-- Moving accounts: the accounts a local actor says it also is
-- (`alsoKnownAs`, one URI per line; an account moving here names them), and
-- the account it moved to (`movedTo`), set when it sends `Move`.
ALTER TABLE actors ADD COLUMN also_known_as TEXT NOT NULL DEFAULT '';
ALTER TABLE actors ADD COLUMN moved_to TEXT;

-- A post to many followers is queued in bounded batches (store::fanouts): the
-- first with the activity, the next ones by the workers, from the inbox after
-- which the last batch stopped (in the order of followers_by_inbox).
CREATE TABLE fanouts (
    activity_id BIGINT PRIMARY KEY NOT NULL REFERENCES activities (id),
    actor_id    BIGINT NOT NULL,
    after_inbox TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
