# sprout-bad: forgot to import low_stock and Item into __init__.py (from inventory import low_stock fails)
# must-fail: every name in __all__ exists, Item is exported too
"""A tiny stock-keeping package: read a CSV of items and sum it up."""

from .report import load, summary

__all__ = ["Item", "load", "low_stock", "summary"]
