"""Case archives: signed BagIt bags streamed as zip, their verification, the Chinese PDF report
and annotated photo renders. Nothing here touches the database: the server fills the plain
input types (ArchiveContent, PayloadFile, ReportInput) from it."""
