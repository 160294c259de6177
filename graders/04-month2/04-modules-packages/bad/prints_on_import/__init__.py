# sprout-bad: try-out code left at the top level of report.py runs (and prints) on every import
# must-fail: importing report prints nothing, report prints the summary, report of another file
"""A tiny stock-keeping package: read a CSV of items and sum it up."""

from .models import Item
from .report import load, low_stock, summary

__all__ = ["Item", "load", "low_stock", "summary"]
