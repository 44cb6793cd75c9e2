"""A user's things version, kept by the writes (issue 13): bumped by each thing's create and
delete, so that `GET /stuff?offset=N` can reuse the sort key it remembered for an offset
(core.pagination.Listing.rows) until the user's things change, instead of walking N index
entries on every deep page. (Things shows no total, so no count is kept.)

`ADD COLUMN ... NOT NULL DEFAULT 0` as in 0011.
"""


def up(migrator, db):
    db.execute_sql("ALTER TABLE things_user ADD COLUMN things_version INTEGER NOT NULL DEFAULT 0")


def down(migrator, db):
    migrator.migrate(migrator.drop_column("things_user", "things_version"))
