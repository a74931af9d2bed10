"""Use cases: one function per user action, each one transaction, durable on return.

The GUI and the CLI reach the store only through here.
"""
