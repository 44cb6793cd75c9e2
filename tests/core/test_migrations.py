"""The schema the migrations build: what the models expect, with no index lost to a name clash."""

from core import database

INDEXES = {
    "sqlite": "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'",
    # %% is psycopg2's escape for %
    "postgres": "SELECT indexname, tablename FROM pg_indexes "
    "WHERE schemaname = 'public' AND indexname NOT LIKE '%%_pkey'",
}


def test_every_index_is_named_after_its_table(app):
    # Index names are global to a database and created IF NOT EXISTS: two APIs' `user_handle`
    # would leave the second table without its unique index, silently.
    kind = "postgres" if database.is_postgres() else "sqlite"
    with database.db.connection_context():
        indexes = database.db.execute_sql(INDEXES[kind]).fetchall()

    assert indexes
    assert [(name, table) for name, table in indexes if not name.startswith(table + "_")] == []


def test_migrated_tables_have_the_models_unique_indexes(app):
    with database.db.connection_context():
        for table in database.db.get_tables():
            for index in database.db.get_indexes(table):
                assert index.table == table
        unique = {
            (index.table, tuple(index.columns))
            for table in database.db.get_tables()
            for index in database.db.get_indexes(table)
            if index.unique
        }

    assert ("chitter_user", ("handle",)) in unique
    assert ("chitter_like", ("peep_id", "user_id")) in unique
