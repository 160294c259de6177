# sprout-bad: the checks are there, but named check_... instead of test_..., so no test runner finds them
# must-fail: *

import pytest

from cart import Cart


def check_add_counts_the_items():
    cart = Cart()
    cart.add("apple", 0.5, quantity=3)
    assert cart.count() == 3


def check_adding_an_item_again_adds_to_its_quantity():
    cart = Cart()
    cart.add("apple", 0.5)
    cart.add("apple", 0.5, quantity=2)
    assert cart.count() == 3
    assert cart.subtotal() == 1.5


def check_subtotal_multiplies_price_by_quantity():
    cart = Cart()
    cart.add("apple", 0.5, quantity=3)
    cart.add("book", 12, quantity=2)
    assert cart.subtotal() == 25.5


def check_an_empty_cart_costs_nothing():
    assert Cart().total() == 0


@pytest.mark.parametrize("price, expected", [
    (10, 14.99),      # shipping is added
    (49.99, 54.98),   # just below the limit
    (50, 50),         # exactly the limit: free shipping
    (80, 80),
])
def check_shipping_is_free_from_50(price, expected):
    cart = Cart()
    cart.add("thing", price)
    assert cart.total() == expected


def check_a_discount_is_rounded_to_cents():
    cart = Cart()
    cart.add("mug", 9.99)
    # 9.99 minus 10% is 8.991, plus 4.99 shipping is 13.981
    assert cart.total(discount=10) == 13.98


def check_a_discount_can_bring_an_order_under_free_shipping():
    cart = Cart()
    cart.add("lamp", 60)
    assert cart.total(discount=50) == 34.99


@pytest.mark.parametrize("discount", [-1, 101])
def check_a_discount_outside_0_to_100_is_refused(discount):
    with pytest.raises(ValueError):
        Cart().total(discount=discount)


def check_removing_an_item_that_is_not_there_raises_key_error():
    cart = Cart()
    cart.add("apple", 0.5)
    with pytest.raises(KeyError):
        cart.remove("pear")


def check_remove_takes_the_item_out():
    cart = Cart()
    cart.add("apple", 0.5, quantity=2)
    cart.remove("apple")
    assert cart.count() == 0


@pytest.mark.parametrize("quantity", [0, -1])
def check_a_quantity_below_1_is_refused(quantity):
    with pytest.raises(ValueError):
        Cart().add("apple", 0.5, quantity=quantity)


def check_a_negative_price_is_refused():
    with pytest.raises(ValueError):
        Cart().add("apple", -1)
