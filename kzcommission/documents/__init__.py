"""Printed forms: reportlab renderers, one per form (STYLE practice 7).

Data in (:mod:`kzcommission.documents.data`), PDF bytes out; no database access.
Call :func:`kzcommission.documents.fonts.register_fonts` at start-up.
"""
