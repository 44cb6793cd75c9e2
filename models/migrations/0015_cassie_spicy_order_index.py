"""Cassie home's `spicy` and `following` tabs in their order from an index (issue 13).

They order by `last_forecasted_at DESC NULLS LAST, created_at DESC, id DESC` and answer
100; with an index on `last_forecasted_at` alone, the casties never forecast (NULL: most of
them, on a young service) were all sorted by created_at before the first 100 could be
read: 8.8 s at 1M casties of which 50 were forecast. This index holds the whole order.

Per dialect: SQLite refuses NULLS LAST in an index, but its DESC puts NULLs last anyway, so
its index is read backwards; PostgreSQL's DESC puts NULLs first, so its index says so. The
index on `last_forecasted_at` alone, a prefix of this one, goes.
"""

from peewee import PostgresqlDatabase

NAME = "cassie_castie_last_forecasted_at_created_at_id"


def up(migrator, db):
    order = ("last_forecasted_at DESC NULLS LAST, created_at DESC, id DESC" if isinstance(db, PostgresqlDatabase)
             else "last_forecasted_at, created_at, id")
    db.execute_sql(f"CREATE INDEX {NAME} ON cassie_castie ({order})")
    db.execute_sql("DROP INDEX cassie_castie_last_forecasted_at")


def down(migrator, db):
    db.execute_sql("CREATE INDEX cassie_castie_last_forecasted_at ON cassie_castie (last_forecasted_at)")
    db.execute_sql(f"DROP INDEX {NAME}")
