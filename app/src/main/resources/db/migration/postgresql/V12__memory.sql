-- The memory one job's completed attempt allocated, in MB (the worker thread's
-- allocation counter; null where the JVM keeps none for the thread, e.g. a virtual one).
ALTER TABLE job ADD COLUMN allocated_mb DOUBLE PRECISION;
