"""The bundled dataset: one JSON file per record kind, and the source texts under ``texts/``."""
