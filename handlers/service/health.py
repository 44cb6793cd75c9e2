from core import storage
from core.database import db, opens_its_own_connection, pending_migrations


@opens_its_own_connection  # a database that refuses connections is a 503, not a 500
def get_health():
    """Ready when the database answers and has every migration: a load balancer or an
    orchestrator sends traffic only then."""
    try:
        pending = len(pending_migrations(db.obj))
    except Exception:
        return {"status": "unavailable", "database": "down", "pending_migrations": None}, 503
    if pending:
        return {"status": "unavailable", "database": "up", "pending_migrations": pending}, 503
    try:
        storage.probe(db.obj)  # a SQLite file that can be read but not written is no healthy database
    except Exception:
        return {"status": "unavailable", "database": "read-only", "pending_migrations": 0}, 503
    return {"status": "ok", "database": "up", "pending_migrations": 0}
