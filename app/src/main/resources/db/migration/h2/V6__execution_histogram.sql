-- Attempt durations per queue (Timeouts' execution statistics and adaptive timeouts):
-- one HdrHistogram (milliseconds, compressed encoding) per queue, minute and writer
-- (a node's process). A writer rewrites only its own rows while the minute lasts;
-- readers merge the rows of every writer over the recent window (15 minutes). Rows
-- older than twice the window are deleted.
CREATE TABLE execution_histogram (
	queue_name   VARCHAR(100)             NOT NULL,
	window_start TIMESTAMP WITH TIME ZONE NOT NULL,
	writer_id    VARCHAR(64)              NOT NULL,
	sample_count BIGINT                   NOT NULL,
	histogram    VARBINARY                NOT NULL,
	updated_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT execution_histogram_pkey PRIMARY KEY (queue_name, window_start, writer_id)
);
-- Readers and the purge select by window.
CREATE INDEX execution_histogram_window_idx ON execution_histogram (window_start);
