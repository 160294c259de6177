"""A small library with SQLAlchemy's ORM: authors and their books."""

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class Author(Base):
    __tablename__ = "authors"

    id = Column(Integer, primary_key=True)
    name = Column(String)
    # TODO: names are required and unique; add the `books` relationship


class Book(Base):
    __tablename__ = "books"

    id = Column(Integer, primary_key=True)
    title = Column(String)
    # TODO: year, author_id (a foreign key to authors.id) and the `author` relationship


def make_session(url="sqlite:///library.db"):
    """Connects to the database at url, creates the tables that are missing, returns a Session."""
    engine = create_engine(url, future=True)
    # TODO: create the tables
    return Session(engine, future=True)


def add_book(session, title, year, author_name):
    """Saves a book by author_name (creating the author only if needed) and returns the Book."""
    raise NotImplementedError("add_book")


def books_by(session, author_name):
    """The titles of author_name's books, oldest first (by title when the year is the same)."""
    raise NotImplementedError("books_by")


def authors_with_counts(session):
    """Every author's name and number of books, as (name, count) tuples, by name."""
    raise NotImplementedError("authors_with_counts")


if __name__ == "__main__":
    session = make_session("sqlite://")  # a database in memory, gone when the program ends
    add_book(session, "The Dispossessed", 1974, "Ursula K. Le Guin")
    add_book(session, "Dune", 1965, "Frank Herbert")
    add_book(session, "A Wizard of Earthsea", 1968, "Ursula K. Le Guin")
    print(books_by(session, "Ursula K. Le Guin"))
    print(authors_with_counts(session))
    print(session.scalars(select(Book).where(Book.title == "Dune")).one().author)
