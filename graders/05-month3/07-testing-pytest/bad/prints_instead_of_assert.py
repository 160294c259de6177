# sprout-bad: prints what the cart answers instead of asserting it, so no test can ever fail
# must-fail: catches a cart that ignores quantities, catches an empty cart that charges shipping, catches free shipping that starts above 50, catches remove() raising the wrong exception, catches a total that is not rounded to cents, catches add() accepting a quantity of 0

from cart import Cart


def test_subtotal():
    cart = Cart()
    cart.add("apple", 0.5, quantity=3)
    cart.add("book", 12, quantity=2)
    print(cart.subtotal() == 25.5)


def test_empty_cart():
    print(Cart().total() == 0)


def test_free_shipping_from_50():
    cart = Cart()
    cart.add("thing", 50)
    print(cart.total() == 50)


def test_rounding():
    cart = Cart()
    cart.add("mug", 9.99)
    print(cart.total(discount=10))


def test_remove_missing():
    try:
        Cart().remove("pear")
    except Exception as e:
        print("raised", type(e).__name__)


def test_zero_quantity():
    try:
        Cart().add("apple", 0.5, quantity=0)
    except ValueError:
        print("refused, good")
