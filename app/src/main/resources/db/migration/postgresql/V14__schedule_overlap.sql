-- Overlap policies of schedules (issue 20). overlap_policy: what a tick does while the job
-- the last firing enqueued (last_job_id) is unfinished: SKIP (the default), BUFFER_ONE,
-- ALLOW_ALL or CANCEL_OTHER. pending_run: BUFFER_ONE's one run waiting for that job to
-- finish; every node starts it once the job has finished.
ALTER TABLE schedule_meta ADD COLUMN overlap_policy VARCHAR(20) DEFAULT 'SKIP' NOT NULL;
ALTER TABLE schedule_meta ADD COLUMN last_job_id BIGINT;
ALTER TABLE schedule_meta ADD COLUMN pending_run BOOLEAN DEFAULT FALSE NOT NULL;

-- The admin password a node generated at the database's first start (no
-- BATCHYARD_ADMIN_PASSWORD), as its hash: later starts and other nodes use the same
-- password and never print it again (issue 20). One row at most (id 1).
CREATE TABLE generated_admin_password (
	id SMALLINT PRIMARY KEY,
	password_hash VARCHAR(200) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
