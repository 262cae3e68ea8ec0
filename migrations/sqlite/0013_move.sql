-- Moving accounts (issue 15): the accounts a local actor says it also is
-- (`alsoKnownAs`, one URI per line; an account moving here names them), and
-- the account it moved to (`movedTo`), set when it sends `Move`.
ALTER TABLE actors ADD COLUMN also_known_as TEXT NOT NULL DEFAULT '';
ALTER TABLE actors ADD COLUMN moved_to TEXT;
