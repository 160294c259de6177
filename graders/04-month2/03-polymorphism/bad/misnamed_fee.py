# sprout-bad: PayPal names its fee method get_fee, so the abstract fee is never defined and PayPal cannot be created
# must-fail: every payment method is a PaymentMethod, PayPal charges a flat 35 cents, labels say what was used, labels use each method's own data, checkout works with every payment method, cheapest picks the method that charges least

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

    def get_fee(self, amount):
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
    return min(methods, key=lambda method: method.charge(amount))


if __name__ == "__main__":
    wallet = [CreditCard("4111111111111234"), PayPal("ann@example.com"), BankTransfer()]
    for method in wallet:
        print(checkout(1000, method))
    print("cheapest for 1000:", cheapest(1000, wallet).label())
