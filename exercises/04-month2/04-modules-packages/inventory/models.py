"""The data: one Item per line of the stock file."""


class Item:
    def __init__(self, name, quantity, price):
        self.name = name
        self.quantity = quantity
        self.price = price

    def value(self):
        """What the items on the shelf are worth together (quantity times price, 2 decimals)."""
        # TODO
        raise NotImplementedError("Item.value")


def parse_line(line):
    """'apple,3,0.5' -> Item('apple', 3, 0.5)"""
    # TODO: strip, split on commas, int() the quantity, float() the price
    raise NotImplementedError("parse_line")
