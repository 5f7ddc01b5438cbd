-- 0006: the Upload-Metadata header of a resumable upload exactly as the client sent it, which
-- tus HEAD answers carry back (the protocol's creation extension). `metadata` keeps the decoded
-- values the server works with. Uploads created before this have none to echo (NULL); they
-- expire within a day.
ALTER TABLE uploads ADD COLUMN metadata_header TEXT;
