"""The package's version and the version of the data it ships: the single source of both."""

__version__ = "0.2.0"

# Calendar version of the bundled dataset: the day its records were last checked against the sources.
DATA_VERSION = "2026.11.29"
