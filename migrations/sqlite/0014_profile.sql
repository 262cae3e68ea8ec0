-- Profiles edited in the web admin (issue 14): a header image with its text
-- alternative, and free profile fields (name and value pairs, shown after the
-- website and contact fields), kept as a JSON array of {"name", "value"}.
ALTER TABLE actors ADD COLUMN header_sha256 TEXT REFERENCES media (sha256);
ALTER TABLE actors ADD COLUMN header_alt TEXT;
ALTER TABLE actors ADD COLUMN profile_fields TEXT NOT NULL DEFAULT '[]';
