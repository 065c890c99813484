-- issue 3: per-host politeness across replicas. One row per host: who holds the host's turn and until when
-- (a lease, so a crashed replica's turn lapses), and the earliest moment of the next request to that host.
-- Times are the database's clock, the one clock all replicas share.
CREATE TABLE host_turns (
    host       VARCHAR(255) PRIMARY KEY,
    holder     VARCHAR(64),
    held_until TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT '-infinity',
    not_before TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT '-infinity'
);
