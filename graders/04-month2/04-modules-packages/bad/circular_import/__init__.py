# sprout-bad: models.py imports from report.py, which imports from models.py: a circular import
# must-fail: an item knows what it is worth, parse_line turns a CSV line into an Item, parse_line strips spaces around the name, load reads every item after the header, summary counts items and units and value, summary of another stock file, low_stock lists items under the threshold, low_stock takes another threshold, importing report prints nothing, from inventory import summary works, __all__ lists the public names, every name in __all__ exists, Item is exported too, report prints the summary, report of another file, no command prints the usage
"""A tiny stock-keeping package: read a CSV of items and sum it up."""

from .models import Item
from .report import load, low_stock, summary

__all__ = ["Item", "load", "low_stock", "summary"]
