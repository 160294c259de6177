# sprout-bad: defines only __str__, so repr() and lists still show <BankAccount object at ...>
# must-fail: repr looks like the code that builds it


class BankAccount:
    """One customer's account at Sprout Bank."""

    bank_name = "Sprout Bank"  # a class attribute: the same for every account
    accounts_opened = 0  # counts every account ever created

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []  # each account gets its own list
        BankAccount.accounts_opened += 1

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("the amount must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
        return self.balance

    def withdraw(self, amount):
        if amount <= 0:
            raise ValueError("the amount must be positive")
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return self.balance

    def __str__(self):
        return f"{self.owner}'s account: {self.balance}"

    def __eq__(self, other):
        if not isinstance(other, BankAccount):
            return NotImplemented
        return self.owner == other.owner and self.balance == other.balance


if __name__ == "__main__":
    account = BankAccount("Ann", 100)
    account.deposit(50)
    print(account)
    print(repr(account))
