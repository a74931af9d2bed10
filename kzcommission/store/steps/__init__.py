"""Schema steps after version 2, one module per feature (see migrations.STEP_MODULES).

A step writes out what it adds as it was at its version (``ddl.py``: CREATE TABLE and
CREATE INDEX text, ALTER TABLE, or fresh field instances for the migrator) and never
imports store/models.py: the tables themselves are declared there, once.
"""
