"""The law, in pure Python: rule sets, quorum, tallies, deadlines, scoring.

Nothing here imports Qt, peewee or reportlab; a test enforces it.
"""
