"""Month 2: polymorphism, payment methods.

Amounts are whole cents (1000 is 10.00). Try it at the bottom:  python payments.py
"""

from abc import ABC, abstractmethod


class PaymentMethod(ABC):
    """A way to pay."""

    # TODO: fee(self, amount) and label(self), both marked @abstractmethod

    def charge(self, amount):
        # TODO: the amount plus this method's fee
        return amount


# TODO: class CreditCard(PaymentMethod): CreditCard(number); fee 3% rounded down; "card ending 1234"


# TODO: class PayPal(PaymentMethod): PayPal(email); fee 35; "PayPal (ann@example.com)"


# TODO: class BankTransfer(PaymentMethod): BankTransfer(); fee 0; "bank transfer"


def checkout(amount, method):
    """'Charged 1030 cents to card ending 1234'"""
    # TODO: works for any object that has charge() and label()
    return ""


def cheapest(amount, methods):
    """The method that charges least for amount (the first one on a tie)."""
    # TODO
    return None


if __name__ == "__main__":
    print(checkout(1000, PaymentMethod()))  # once PaymentMethod is abstract, this line fails: good!
