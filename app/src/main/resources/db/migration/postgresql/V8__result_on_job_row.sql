-- A completed job's result and duration move onto its job row. As a table of their own,
-- every completion inserted a row, a primary-key entry and a foreign-key check beside the
-- update of the job it already made: about 7 us of PostgreSQL's CPU per job, a sixth of
-- its share in a drain of short jobs (bench scenario 2). On the row, the completion is one
-- update. job_result stays, as a view with the same columns, for the operators' queries
-- that read it.
ALTER TABLE job ADD COLUMN result TEXT;
ALTER TABLE job ADD COLUMN duration_ms BIGINT;

UPDATE job j SET result = r.result, duration_ms = r.duration_ms
	FROM job_result r WHERE r.job_id = j.id;

DROP VIEW job_type_stats;
DROP VIEW job_processing_percentiles;
DROP TABLE job_result;

-- The result of a completed job.
CREATE VIEW job_result AS
SELECT j.id AS job_id, j.result, j.duration_ms, j.finished_at AS completed_at
FROM job j
WHERE j.state = 'completed';

-- Per job type: counts by outcome and the average duration of completed runs.
CREATE VIEW job_type_stats AS
SELECT j.type,
	COUNT(*) AS total,
	COUNT(*) FILTER (WHERE j.state IN ('waiting', 'delayed')) AS pending,
	COUNT(*) FILTER (WHERE j.state = 'active') AS active,
	COUNT(*) FILTER (WHERE j.state = 'completed') AS completed,
	COUNT(*) FILTER (WHERE j.state = 'failed') AS failed,
	COUNT(*) FILTER (WHERE j.state = 'cancelled') AS cancelled,
	CAST(AVG(j.duration_ms) FILTER (WHERE j.state = 'completed') AS DOUBLE PRECISION) AS avg_duration_ms,
	MAX(j.duration_ms) FILTER (WHERE j.state = 'completed') AS max_duration_ms
FROM job j
GROUP BY j.type;

-- Per queue and job type: p50/p95/p99 duration of completed jobs, in milliseconds.
CREATE VIEW job_processing_percentiles AS
SELECT j.queue_name, j.type,
	COUNT(*) AS completed,
	percentile_cont(0.50) WITHIN GROUP (ORDER BY j.duration_ms) AS p50_ms,
	percentile_cont(0.95) WITHIN GROUP (ORDER BY j.duration_ms) AS p95_ms,
	percentile_cont(0.99) WITHIN GROUP (ORDER BY j.duration_ms) AS p99_ms
FROM job j
WHERE j.state = 'completed' AND j.duration_ms IS NOT NULL
GROUP BY j.queue_name, j.type;
