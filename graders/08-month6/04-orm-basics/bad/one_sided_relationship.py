# sprout-bad: declares the relationship only on Author, so a book does not know its author
# must-fail: a book knows its author, an author knows their books
"""A small library with SQLAlchemy's ORM: authors and their books."""

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class Author(Base):
    __tablename__ = "authors"

    id = Column(Integer, primary_key=True)
    name = Column(String, nullable=False, unique=True)

    books = relationship("Book")

    def __repr__(self):
        return f"Author({self.name!r})"


class Book(Base):
    __tablename__ = "books"

    id = Column(Integer, primary_key=True)
    title = Column(String, nullable=False)
    year = Column(Integer, nullable=False)
    author_id = Column(Integer, ForeignKey("authors.id"), nullable=False)

    def __repr__(self):
        return f"Book({self.title!r}, {self.year})"


def make_session(url="sqlite:///library.db"):
    """Connects to the database at url, creates the tables that are missing, returns a Session."""
    # future=True: SQLAlchemy 2.0's behaviour (already the only one in 2.0, where it is accepted too)
    engine = create_engine(url, future=True)
    Base.metadata.create_all(engine)
    return Session(engine, future=True)


def add_book(session, title, year, author_name):
    """Saves a book by author_name (creating the author only if needed) and returns the Book."""
    author = session.scalars(select(Author).where(Author.name == author_name)).first()
    if author is None:
        author = Author(name=author_name)
    book = Book(title=title, year=year)
    author.books.append(book)
    session.add(author)
    session.commit()
    return book


def books_by(session, author_name):
    """The titles of author_name's books, oldest first (by title when the year is the same)."""
    query = (
        select(Book.title)
        .join(Author)
        .where(Author.name == author_name)
        .order_by(Book.year, Book.title)
    )
    return list(session.scalars(query))


def authors_with_counts(session):
    """Every author's name and number of books, as (name, count) tuples, by name."""
    authors = session.scalars(select(Author).order_by(Author.name))
    return [(author.name, len(author.books)) for author in authors]


if __name__ == "__main__":
    session = make_session("sqlite://")
    add_book(session, "The Dispossessed", 1974, "Ursula K. Le Guin")
    add_book(session, "Dune", 1965, "Frank Herbert")
    add_book(session, "A Wizard of Earthsea", 1968, "Ursula K. Le Guin")
    print(books_by(session, "Ursula K. Le Guin"))
    print(authors_with_counts(session))
    print(session.scalars(select(Book).where(Book.title == "Dune")).one().author)
