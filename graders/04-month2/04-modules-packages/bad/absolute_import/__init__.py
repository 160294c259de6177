# sprout-bad: imports its own module as inventory.models instead of relatively
# must-fail: no absolute imports of inventory inside the package
"""A tiny stock-keeping package: read a CSV of items and sum it up."""

from .models import Item
from .report import load, low_stock, summary

__all__ = ["Item", "load", "low_stock", "summary"]
