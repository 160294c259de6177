"""A small shopping cart. It is given: don't change it. Your job is to test it, in test_cart.py."""

FREE_SHIPPING_FROM = 50  # orders of 50 or more (after the discount) ship for free
SHIPPING = 4.99


class Cart:
    def __init__(self):
        self.items = {}  # name -> [price, quantity]

    def add(self, name, price, quantity=1):
        """Adds `quantity` of an item costing `price` each; adding an item again adds to its quantity.
        ValueError if the price is negative or the quantity is less than 1."""
        if price < 0:
            raise ValueError("price cannot be negative")
        if quantity < 1:
            raise ValueError("quantity must be at least 1")
        if name in self.items:
            self.items[name][1] += quantity
        else:
            self.items[name] = [price, quantity]

    def remove(self, name):
        """Takes an item out of the cart completely. KeyError if it is not in the cart."""
        if name not in self.items:
            raise KeyError(name)
        del self.items[name]

    def count(self):
        """How many things are in the cart: the quantities added up."""
        return sum(quantity for _, quantity in self.items.values())

    def subtotal(self):
        """Each item's price times its quantity, added up."""
        return sum(price * quantity for price, quantity in self.items.values())

    def total(self, discount=0):
        """What to pay: the subtotal minus `discount` percent (0 to 100), plus shipping, rounded
        to cents. Shipping is free from FREE_SHIPPING_FROM on, and an empty cart costs nothing.
        ValueError if the discount is not between 0 and 100."""
        if not 0 <= discount <= 100:
            raise ValueError("discount must be between 0 and 100")
        amount = self.subtotal() * (100 - discount) / 100
        if self.items and amount < FREE_SHIPPING_FROM:
            amount += SHIPPING
        return amount
