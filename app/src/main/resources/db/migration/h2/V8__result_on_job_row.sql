-- A completed job's result and duration move onto its job row (see the PostgreSQL
-- migration of the same version): the completion is one update. job_result stays, as a
-- view with the same columns.
ALTER TABLE job ADD COLUMN result CHARACTER LARGE OBJECT;
ALTER TABLE job ADD COLUMN duration_ms BIGINT;

UPDATE job j SET result = (SELECT r.result FROM job_result r WHERE r.job_id = j.id),
	duration_ms = (SELECT r.duration_ms FROM job_result r WHERE r.job_id = j.id)
	WHERE EXISTS (SELECT 1 FROM job_result r WHERE r.job_id = j.id);

DROP VIEW job_type_stats;
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
