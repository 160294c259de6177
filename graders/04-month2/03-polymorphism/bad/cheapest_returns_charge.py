# sprout-bad: cheapest returns the lowest charge (a number) instead of the payment method
# must-fail: cheapest picks the method that charges least

from abc import ABC, abstractmethod


class PaymentMethod(ABC):
    """A way to pay. Amounts are whole cents."""

    @abstractmethod
    def fee(self, amount):
        """The fee, in cents, for paying amount cents."""

    @abstractmethod
    def label(self):
        """How the receipt names this payment method."""

    def charge(self, amount):
        return amount + self.fee(amount)


class CreditCard(PaymentMethod):
    def __init__(self, number):
        self.number = number

    def fee(self, amount):
        return amount * 3 // 100

    def label(self):
        return f"card ending {self.number[-4:]}"


class PayPal(PaymentMethod):
    def __init__(self, email):
        self.email = email

    def fee(self, amount):
        return 35

    def label(self):
        return f"PayPal ({self.email})"


class BankTransfer(PaymentMethod):
    def fee(self, amount):
        return 0

    def label(self):
        return "bank transfer"


def checkout(amount, method):
    """Charges amount with any object that has charge() and label()."""
    return f"Charged {method.charge(amount)} cents to {method.label()}"


def cheapest(amount, methods):
    """The method that charges least for amount (the first one on a tie)."""
    return min(method.charge(amount) for method in methods)


if __name__ == "__main__":
    wallet = [CreditCard("4111111111111234"), PayPal("ann@example.com"), BankTransfer()]
    for method in wallet:
        print(checkout(1000, method))
    print("cheapest for 1000:", cheapest(1000, wallet).label())
