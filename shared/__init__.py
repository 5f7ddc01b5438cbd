"""Wire models and pure helpers shared by the server and the reviewer app."""
