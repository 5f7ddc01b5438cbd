-- 0005: the bytes of a resumable upload that are known to be on disk.
-- `received` is what the client was told; it may run ahead of `synced` by the last PATCH while
-- that PATCH's fsync finishes in the background. At start-up every upload is brought back to
-- `synced` (after a crash or a power cut the bytes past it are not trusted), and the client,
-- which always asks for the offset before resuming, sends them again.
ALTER TABLE uploads ADD COLUMN synced INTEGER NOT NULL DEFAULT 0;
UPDATE uploads SET synced = received;
