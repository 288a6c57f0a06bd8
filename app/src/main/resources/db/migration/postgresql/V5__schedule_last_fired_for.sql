-- The tick (Quartz's scheduled fire time) of a schedule's last firing that enqueued a
-- job. A firing for a tick at or before it enqueues nothing: when a node dies in the
-- middle of a firing, Quartz re-runs the firing on another node (requests recovery),
-- and the job must not be enqueued twice if the first node had committed it.
ALTER TABLE schedule_meta ADD COLUMN last_fired_for TIMESTAMP WITH TIME ZONE;
