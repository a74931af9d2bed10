"""The PySide6 desktop GUI. Calls services only; never the store or the documents."""
