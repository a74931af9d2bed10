"""Persistence: peewee models on SQLite (default) or PostgreSQL, pragmas, migrations."""
