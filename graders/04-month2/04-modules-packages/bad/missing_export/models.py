"""The data: one Item per line of the stock file."""


class Item:
    def __init__(self, name, quantity, price):
        self.name = name
        self.quantity = quantity
        self.price = price

    def value(self):
        """What the items on the shelf are worth together."""
        return round(self.quantity * self.price, 2)


def parse_line(line):
    """'apple,3,0.5' -> Item('apple', 3, 0.5)"""
    name, quantity, price = line.strip().split(",")
    return Item(name.strip(), int(quantity), float(price))
