-- The views an operator queries (DESIGN.md decision 1) on H2: active jobs, failed
-- jobs with their last failure, per-queue and per-type statistics, the last day's
-- failures and the schedules overview. The postgresql folder's V4 has the same views
-- plus job_processing_percentiles and job_failure_rates.
-- Released migrations are never edited; change a view in a new version.

-- Jobs being worked on right now, with who holds them and until when.
CREATE VIEW jobs_active AS
SELECT j.id, j.queue_name, j.type, j.priority, j.attempts, j.max_attempts, j.progress,
	j.worker_id, j.node_id, j.run_at, j.created_at, j.started_at, j.lease_expires_at,
	j.timeout_ms, j.batch_job_execution_id
FROM job j
WHERE j.state = 'active';

-- Failed (dead) jobs with their last failure: the attempt that made them give up.
CREATE VIEW jobs_failed_details AS
SELECT j.id, j.queue_name, j.type, j.priority, j.payload, j.attempts, j.max_attempts,
	j.created_at, j.finished_at, j.last_error,
	f.attempt AS failed_attempt, f.error_message, f.error_stack, f.timed_out, f.stalled,
	f.failed_at
FROM job j
LEFT JOIN job_failure f ON f.id = (
	SELECT MAX(lf.id) FROM job_failure lf WHERE lf.job_id = j.id)
WHERE j.state = 'failed';

-- Per queue: how many jobs are in each state, and since when the oldest waiting one
-- has been ready (its run_at) and queued (its created_at).
CREATE VIEW queue_stats AS
SELECT j.queue_name,
	COUNT(*) FILTER (WHERE j.state = 'waiting') AS waiting,
	COUNT(*) FILTER (WHERE j.state = 'delayed') AS delayed,
	COUNT(*) FILTER (WHERE j.state = 'active') AS active,
	COUNT(*) FILTER (WHERE j.state = 'completed') AS completed,
	COUNT(*) FILTER (WHERE j.state = 'failed') AS failed,
	COUNT(*) FILTER (WHERE j.state = 'cancelled') AS cancelled,
	COUNT(*) AS total,
	MIN(j.run_at) FILTER (WHERE j.state = 'waiting') AS oldest_waiting_run_at,
	MIN(j.created_at) FILTER (WHERE j.state = 'waiting') AS oldest_waiting_created_at
FROM job j
GROUP BY j.queue_name;

-- Per job type: counts by outcome and the average duration of completed runs.
CREATE VIEW job_type_stats AS
SELECT j.type,
	COUNT(*) AS total,
	COUNT(*) FILTER (WHERE j.state IN ('waiting', 'delayed')) AS pending,
	COUNT(*) FILTER (WHERE j.state = 'active') AS active,
	COUNT(*) FILTER (WHERE j.state = 'completed') AS completed,
	COUNT(*) FILTER (WHERE j.state = 'failed') AS failed,
	COUNT(*) FILTER (WHERE j.state = 'cancelled') AS cancelled,
	CAST(AVG(r.duration_ms) AS DOUBLE PRECISION) AS avg_duration_ms,
	MAX(r.duration_ms) AS max_duration_ms
FROM job j
LEFT JOIN job_result r ON r.job_id = j.id
GROUP BY j.type;

-- Every failed attempt of the last 24 hours, newest first.
CREATE VIEW recent_failures AS
SELECT f.id AS failure_id, f.job_id, j.queue_name, j.type, j.state, f.attempt,
	j.max_attempts, f.error_message, f.timed_out, f.stalled, f.failed_at
FROM job_failure f
JOIN job j ON j.id = f.job_id
WHERE f.failed_at >= CURRENT_TIMESTAMP - INTERVAL '24' HOUR
ORDER BY f.failed_at DESC, f.id DESC;

-- Each schedule with the jobs it has enqueued (job.schedule_name).
CREATE VIEW scheduled_jobs_overview AS
SELECT s.name, s.type, s.queue_name, s.cron, s.timezone, s.priority, s.enabled,
	s.description, s.last_run_at, s.next_run_at, s.run_count,
	COALESCE(c.jobs_total, 0) AS jobs_total,
	COALESCE(c.jobs_pending, 0) AS jobs_pending,
	COALESCE(c.jobs_completed, 0) AS jobs_completed,
	COALESCE(c.jobs_failed, 0) AS jobs_failed,
	c.last_job_created_at
FROM schedule_meta s
LEFT JOIN (
	SELECT j.schedule_name,
		COUNT(*) AS jobs_total,
		COUNT(*) FILTER (WHERE j.state IN ('waiting', 'delayed', 'active')) AS jobs_pending,
		COUNT(*) FILTER (WHERE j.state = 'completed') AS jobs_completed,
		COUNT(*) FILTER (WHERE j.state = 'failed') AS jobs_failed,
		MAX(j.created_at) AS last_job_created_at
	FROM job j
	WHERE j.schedule_name IS NOT NULL
	GROUP BY j.schedule_name) c ON c.schedule_name = s.name;
