"""Consolidated reports: decisions, attendance, deadlines, evaluation bands, export."""
