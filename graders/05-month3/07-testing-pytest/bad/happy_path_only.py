# sprout-bad: only tests ordinary carts: no empty cart, no order of exactly 50, no mistakes, only round numbers
# must-fail: catches an empty cart that charges shipping, catches free shipping that starts above 50, catches remove() raising the wrong exception, catches a total that is not rounded to cents, catches add() accepting a quantity of 0

from cart import Cart


def test_add_counts_the_items():
    cart = Cart()
    cart.add("apple", 0.5, quantity=3)
    assert cart.count() == 3


def test_subtotal():
    cart = Cart()
    cart.add("apple", 0.5, quantity=2)
    cart.add("book", 12)
    assert cart.subtotal() == 13


def test_small_order_pays_shipping():
    cart = Cart()
    cart.add("book", 10)
    assert cart.total() == 14.99


def test_big_order_ships_free():
    cart = Cart()
    cart.add("lamp", 100)
    assert cart.total() == 100


def test_discount():
    cart = Cart()
    cart.add("lamp", 100)
    assert cart.total(discount=20) == 80


def test_remove():
    cart = Cart()
    cart.add("apple", 0.5)
    cart.remove("apple")
    assert cart.count() == 0
