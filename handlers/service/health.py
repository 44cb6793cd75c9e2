from core.database import db
from core.errors import ApiError


def get_health():
    try:
        db.execute_sql("SELECT 1")
    except Exception as error:
        raise ApiError("The database does not answer", status=503) from error
    return {"status": "ok"}
