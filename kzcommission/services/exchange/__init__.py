"""Sealed exchange packages: a finalized sitting travels from an office to the centre.

A package is one ZIP file: ``data.json`` (docs/exchange-schema.json, version 1),
``history.json`` (the sitting's history segment, hash-linked), ``documents/*.pdf``
(the print pack), ``manifest.json`` (SHA-256 of every file and the history
head) and ``seal.json`` (HMAC-SHA256 of the manifest with the exchange key the
office and the centre share). Import verifies all of it, recounts every tally
with the domain rules, and writes everything in one transaction, or nothing.
"""

from kzcommission.services.exchange.export import export_package
from kzcommission.services.exchange.importer import ImportReport, PackageRefused, import_package

__all__ = ["ImportReport", "PackageRefused", "export_package", "import_package"]
