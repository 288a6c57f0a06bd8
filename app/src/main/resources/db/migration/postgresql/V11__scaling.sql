-- The scaling service: CPU and memory thresholds of a queue's policy (admin overrides,
-- NULL: the configured value), and the cluster's target for the queue's workers, which
-- every node reads to size its share.
ALTER TABLE queue_state ADD COLUMN scale_up_cpu_percent DOUBLE PRECISION;
ALTER TABLE queue_state ADD COLUMN scale_up_memory_percent DOUBLE PRECISION;
ALTER TABLE queue_state ADD COLUMN scale_down_cpu_percent DOUBLE PRECISION;
ALTER TABLE queue_state ADD COLUMN scale_down_memory_percent DOUBLE PRECISION;
ALTER TABLE queue_state ADD COLUMN target_workers INTEGER;
ALTER TABLE queue_state ADD COLUMN target_changed_at TIMESTAMP WITH TIME ZONE;
