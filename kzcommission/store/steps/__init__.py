"""Schema steps after version 2, one module per feature (see migrations.STEP_MODULES)."""
