"""kzcommission: the secretary's desk for civil-service certification commissions."""

__version__ = "0.1.0"
