"""Pages of periodic reporting, one module a feature."""
