"""Tests for cart.py. Run them with:  python -m pytest test_cart.py"""

import pytest

from cart import Cart


def test_add_counts_the_items():
    cart = Cart()
    cart.add("apple", 0.5, quantity=3)
    assert cart.count() == 3


# TODO: the subtotal multiplies each price by its quantity
# TODO: the total of an empty cart
# TODO: a small order pays shipping; an order of exactly 50 ships for free
# TODO: a discount, with a total that has to be rounded to cents
# TODO: the mistakes: remove() of an item that is not there, add() with a quantity of 0
#       (use `with pytest.raises(SomeError):`)
