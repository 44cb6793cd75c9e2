"""Cassie: reports of casties and comments, and the indexes of search and the leaderboard.

Search is by prefix, in any case: each searched column has an index on its lower-cased
value, and models.cassie.search asks for a range of it (`lower(x) >= 'ab' AND lower(x) <
'ac'`), which both databases answer from the index. PostgreSQL's indexes use the "C"
collation, whose order is the bytes' (so the strings starting with a prefix are one
contiguous range, as in SQLite's BINARY). A castie's question is indexed by its first 100
characters: a btree entry must stay small.
"""

from peewee import AutoField, DateTimeField, ForeignKeyField, Model, PostgresqlDatabase, SqliteDatabase
from playhouse.sqlite_ext import AutoIncrementField

SEARCHED = (
    ("cassie_user", "handle", "lower(handle)"),
    ("cassie_user", "first_name", "lower(first_name)"),
    ("cassie_user", "last_name", "lower(last_name)"),
    ("cassie_group", "name", "lower(name)"),
    ("cassie_group", "slug", "lower(slug)"),
    ("cassie_castie", "question", "lower(substr(question, 1, 100))"),
)


def searched(db, sql: str) -> str:
    return f'({sql}) COLLATE "C"' if isinstance(db, PostgresqlDatabase) else sql


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class User(Base):
        id = AutoField()

        class Meta:
            table_name = "cassie_user"

    class Castie(Base):
        id = AutoField()

        class Meta:
            table_name = "cassie_castie"

    class Comment(Base):
        id = AutoField()

        class Meta:
            table_name = "cassie_comment"

    class Report(Base):
        # On SQLite AUTOINCREMENT: a deleted report's id is never given again.
        id = AutoIncrementField() if isinstance(db, SqliteDatabase) else AutoField()
        reporter = ForeignKeyField(User, on_delete="CASCADE", index=False)  # led by the unique indexes
        castie = ForeignKeyField(Castie, null=True, on_delete="CASCADE")
        comment = ForeignKeyField(Comment, null=True, on_delete="CASCADE")
        created_at = DateTimeField()

        class Meta:
            table_name = "cassie_report"
            indexes = ((("reporter", "castie"), True), (("reporter", "comment"), True))

    db.create_tables([Report])
    for table, column, sql in SEARCHED:
        db.execute_sql(f"CREATE INDEX {table}_{column}_search ON {table} ({searched(db, sql)})")
    db.execute_sql("CREATE INDEX cassie_user_xp ON cassie_user (xp DESC, id)")


def down(migrator, db):
    for table, column, _ in SEARCHED:
        db.execute_sql(f"DROP INDEX {table}_{column}_search")
    db.execute_sql("DROP INDEX cassie_user_xp")
    migrator.migrate(migrator.drop_table("cassie_report"))
