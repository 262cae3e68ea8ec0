-- A counter that every change to what pages show moves forward, so that the
-- processes sharing the database (serve, the CLI, workers) can tell that what
-- they cached is stale.
CREATE TABLE changes (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO changes (id, value) VALUES (1, 0);
