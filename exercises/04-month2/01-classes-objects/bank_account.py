"""Month 2: classes and objects, a bank account.

Fill in the class. Try it out at the bottom of the file:  python bank_account.py
"""


class BankAccount:
    """One customer's account at Sprout Bank."""

    # TODO: two class attributes, shared by every account:
    #   bank_name = "Sprout Bank"
    #   accounts_opened = 0

    def __init__(self, owner, balance=0):
        # TODO: store owner and balance on self, start an empty history list,
        # and add one to the class's accounts_opened
        pass

    def deposit(self, amount):
        """Add amount (must be > 0) to the balance; return the new balance."""
        # TODO
        pass

    def withdraw(self, amount):
        """Take amount (must be > 0 and at most the balance) out; return the new balance."""
        # TODO
        pass

    # TODO: __str__, __repr__ and __eq__


if __name__ == "__main__":
    account = BankAccount("Ann", 100)
    account.deposit(50)
    print(account)        # Ann's account: 150
    print(repr(account))  # BankAccount('Ann', 150)
