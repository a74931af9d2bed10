"""One installation: its database, accounts, backups and restore, demo data."""
