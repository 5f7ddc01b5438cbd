"""The media core of evidence ingestion: sniffing the real type, reading capture metadata,
making thumbnails and poster frames, perceptual hashing and the automatic checks. Pure and
blocking; the server's pipeline calls it from a worker thread."""
