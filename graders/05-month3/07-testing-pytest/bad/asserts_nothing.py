# sprout-bad: the tests call the cart but never check anything, so they pass whatever it does
# must-fail: catches a cart that ignores quantities, catches an empty cart that charges shipping, catches free shipping that starts above 50, catches remove() raising the wrong exception, catches a total that is not rounded to cents, catches add() accepting a quantity of 0

from cart import Cart


def test_add():
    cart = Cart()
    cart.add("apple", 0.5, quantity=3)
    cart.count()


def test_subtotal():
    cart = Cart()
    cart.add("apple", 0.5, quantity=3)
    cart.add("book", 12, quantity=2)
    cart.subtotal()


def test_total():
    cart = Cart()
    cart.add("book", 12)
    cart.total()
    cart.total(discount=10)
    Cart().total()
