-- PostgreSQL's V7 makes these two indexes partial (finished jobs only) so that a claim
-- no longer writes to them. H2 has no partial indexes: the same lookups under the same
-- names, as full indexes.
DROP INDEX job_retention_idx;
CREATE INDEX job_finished_idx ON job (state, finished_at);

DROP INDEX job_queue_state_idx;
CREATE INDEX job_queue_finished_idx ON job (queue_name, state, id);
