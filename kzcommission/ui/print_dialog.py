"""What every print dialog shares: the languages the documents are written in, and the
folder a sitting's files go to. The dialog itself is ``ui.paper_dialog``."""

from __future__ import annotations

import re
from pathlib import Path

from kzcommission import paths

# The languages the print pack is written in (services.papers.printing.LANGUAGES).
PRINT_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en", "kk+ru")


def default_folder(sitting_number: str) -> Path:
    """Documents/kzcommission/sitting-<n> (portable: data/documents/sitting-<n>), the number
    made safe for a folder name."""
    safe = re.sub(r"[^\w.-]+", "-", sitting_number, flags=re.UNICODE).strip("-") or "0"
    return paths.documents_dir() / f"sitting-{safe}"
