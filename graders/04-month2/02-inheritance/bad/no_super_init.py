# sprout-bad: Book's __init__ forgets super().__init__, so a book has no title, year or checked_out
# must-fail: a book is a library item with an author, books and DVDs are checked out like any item, a book's description adds its author, descriptions use each item's own data, books_only keeps the books in order, books_only keeps books of any kind


class LibraryItem:
    """Anything the library lends."""

    def __init__(self, title, year):
        self.title = title
        self.year = year
        self.checked_out = False

    def loan_days(self):
        return 14

    def describe(self):
        return f"{self.title} ({self.year})"

    def checkout(self):
        if self.checked_out:
            raise ValueError(f"{self.title} is already checked out")
        self.checked_out = True

    def return_item(self):
        self.checked_out = False


class Book(LibraryItem):
    def __init__(self, title, year, author):
        self.author = author

    def loan_days(self):
        return 21

    def describe(self):
        return f"{super().describe()} by {self.author}"


class DVD(LibraryItem):
    def __init__(self, title, year, minutes):
        super().__init__(title, year)
        self.minutes = minutes

    def loan_days(self):
        return 7

    def describe(self):
        return f"{super().describe()}, {self.minutes} min"


def books_only(items):
    """The items that are books (of any kind), in their order."""
    return [item for item in items if isinstance(item, Book)]


if __name__ == "__main__":
    shelf = [Book("Dune", 1965, "Frank Herbert"), DVD("Alien", 1979, 117)]
    for item in shelf:
        print(item.describe(), "-", item.loan_days(), "days")
    print([book.title for book in books_only(shelf)])
