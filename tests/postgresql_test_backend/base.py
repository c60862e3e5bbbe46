"""PostgreSQL for the test suite only (arena/settings.py picks it when DJANGO_ENV is "test"):
Django's own backend, except that a flush deletes the rows instead of truncating the tables.

A test with `transaction=True` (every browser test, for the live server's thread) ends with a
flush of every table. Django sends one `TRUNCATE` of all 50 tables, which gives each table a
new file and took ~1.75 s per test here; deleting the few rows a test wrote takes ~0.2 s
(decision 60). Django's foreign keys on PostgreSQL are `DEFERRABLE INITIALLY DEFERRED` and the
flush runs in one transaction, so the order of the deletes does not matter; a key that is not
deferrable would fail the flush loudly, not leave rows behind. Sequences are not reset, as
`TRUNCATE` without `RESTART IDENTITY` does not reset them; the rare flush that asks for that
or for `CASCADE` gets Django's statement.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        deletes = [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]
        return [f"{style.SQL_KEYWORD('SET CONSTRAINTS ALL DEFERRED')};", *deletes]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
