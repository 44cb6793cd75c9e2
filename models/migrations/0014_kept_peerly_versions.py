"""An organisation's recognitions and users versions, kept by the writes (issue 13), so that a
deep `offset` of `GET /recognitions` or `GET /users` can reuse the sort key remembered for
it (core.pagination.Listing.rows) until the list changes, instead of walking (and, for
recognitions, joining) every row before it: 2 s at offset 999,900 on SQLite.

- peerly_organisation.recognitions_version: bumped by each recognition given and each review
  (which hides or shows one).
- peerly_organisation.users_version: bumped by each user added (a first login, the admin
  command, the dummy data) and each user deleted.

`ADD COLUMN ... NOT NULL DEFAULT 0` as in 0011.
"""

COLUMNS = ("recognitions_version", "users_version")


def up(migrator, db):
    for column in COLUMNS:
        db.execute_sql(f"ALTER TABLE peerly_organisation ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")


def down(migrator, db):
    migrator.migrate(*(migrator.drop_column("peerly_organisation", column) for column in COLUMNS))
