"""A tiny bank: move money between accounts, all or nothing."""

import sqlite3


# --- Given: builds a bank database to try things on. You do not need to change it. ---------------
def create_bank(db_path, accounts=((1, "Ana", 100), (2, "Ben", 50), (3, "Cleo", 20, 1))):
    """Creates the accounts table in db_path and puts these accounts in it (again, if they are there).

    Each account is (id, owner, balance) or (id, owner, balance, frozen). The bank's rule,
    kept by the database itself: the balance of a frozen account cannot change. Trying
    raises sqlite3.IntegrityError("account is frozen").
    """
    conn = sqlite3.connect(db_path)
    with conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS accounts (
                id INTEGER PRIMARY KEY,
                owner TEXT NOT NULL,
                balance INTEGER NOT NULL,
                frozen INTEGER NOT NULL DEFAULT 0
            );
            CREATE TRIGGER IF NOT EXISTS frozen_accounts_stay_put
            BEFORE UPDATE OF balance ON accounts
            WHEN OLD.frozen = 1
            BEGIN
                SELECT RAISE(ABORT, 'account is frozen');
            END;
            """
        )
        for account in accounts:
            id_, owner, balance, *rest = account
            frozen = rest[0] if rest else 0
            conn.execute(
                "INSERT OR REPLACE INTO accounts (id, owner, balance, frozen) VALUES (?, ?, ?, ?)",
                (id_, owner, balance, frozen),
            )
    conn.close()


# --- Your part ------------------------------------------------------------------------------------
def transfer(db_path, from_id, to_id, amount):
    """Moves amount from account from_id to account to_id: all of it, or nothing at all."""
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", (amount, from_id))
    conn.commit()
    conn.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", (amount, to_id))
    conn.commit()
    conn.close()


if __name__ == "__main__":
    create_bank("bank.db")
    transfer("bank.db", 1, 2, 30)
    conn = sqlite3.connect("bank.db")
    print(conn.execute("SELECT id, owner, balance FROM accounts").fetchall())
    conn.close()
