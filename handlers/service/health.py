from core import storage
from core.database import db, opens_its_own_connection
from core.errors import ApiError


@opens_its_own_connection  # a database that refuses connections is a 503, not a 500
def get_health():
    try:
        with db.connection_context():
            db.execute_sql("SELECT 1")
        storage.probe()  # a SQLite file that can be read but not written is no healthy database
    except Exception as error:
        raise ApiError("The database does not answer", status=503) from error
    return {"status": "ok"}
