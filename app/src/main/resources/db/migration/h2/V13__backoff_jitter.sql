-- The fraction by which a job's retry delays vary at random either way (issue 20). A null
-- (a job enqueued before this column) reads as the default of its backoff type.
ALTER TABLE job ADD COLUMN backoff_jitter DOUBLE PRECISION;
