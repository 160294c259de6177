"""The inventory package: what `from inventory import ...` finds.

TODO: import Item (from .models) and load, low_stock, summary (from .report) here,
and list those four names in __all__.
"""

__all__ = []
