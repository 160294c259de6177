"""A tiny stock-keeping package: read a CSV of items and sum it up."""

from .models import Item
from .report import load, low_stock, summary

__all__ = ["Item", "load", "low_stock", "summary"]
