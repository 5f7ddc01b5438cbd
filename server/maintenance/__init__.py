"""Operator tools that work on a data directory: `takan fsck` (consistency of the database, the
blobs, derivatives, upload files and the audit chain) and `takan backup` / `takan restore`."""
