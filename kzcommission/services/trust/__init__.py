"""Why the records can be trusted: the keyed history, seals, secrets, signatures."""
