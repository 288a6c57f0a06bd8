-- Only finished jobs are looked up by state and finish time (retention) or by queue and
-- finished state (searches of completed, failed or cancelled jobs): waiting, delayed and
-- active ones are found through job_claim_idx and job_lease_idx. As full indexes, these
-- two took an entry at every claim as well as at every finish: four index entries per
-- claim where two serve, about a tenth of PostgreSQL's CPU in a drain of short jobs
-- (bench scenario 2). Partial, they take an entry only when a job finishes.
DROP INDEX job_retention_idx;
CREATE INDEX job_finished_idx ON job (state, finished_at)
	WHERE state IN ('completed', 'failed', 'cancelled');

DROP INDEX job_queue_state_idx;
CREATE INDEX job_queue_finished_idx ON job (queue_name, state, id)
	WHERE state IN ('completed', 'failed', 'cancelled');
