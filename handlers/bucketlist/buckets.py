from core.config import active
from handlers.bucketlist import Failed, http_date, iso_date, page_json
from models.base import utc_now
from models.bucketlist import BUCKET_COLUMNS, Bucket, User, bucket_row, users_buckets


def bucket_json(bucket_id, name, created_at, modified_at) -> dict:
    return {"id": bucket_id, "name": name, "createdAt": iso_date(created_at), "modifiedAt": iso_date(modified_at)}


def saved_json(bucket_id, name, created_at, modified_at) -> dict:
    """Create and update answer flat, with RFC 1123 dates, as the original did."""
    dates = {"createdAt": http_date(created_at), "modifiedAt": http_date(modified_at)}
    return {"status": "success", "id": bucket_id, "name": name, **dates}


def list_buckets(user, page=1, q=None, limit=None):
    count, version = (None, None) if users_buckets.searches(q) else User.buckets_kept(user)
    found = users_buckets.page((user,), path="/v1/bucketlists", page=page, limit=limit, q=q,
                               default_limit=active().bucketlist_per_page, count=count, version=version)
    return page_json(found, "buckets", bucket_json)


def create_bucket(body, user):
    now = utc_now()
    bucket = Bucket.add(user, name=body["name"], created_at=now, modified_at=now)
    return saved_json(bucket.id, bucket.name, now, now), 201


def get_bucket(bucket_id, user):
    rows = bucket_row(int(bucket_id), user)
    if not rows:
        raise Failed("Bucket not found", 404)
    return {"status": "success", "bucket": bucket_json(*rows[0])}


def update_bucket(bucket_id, body, user):
    renamed = Bucket.update(name=body["name"], modified_at=utc_now()).where(Bucket.owned(bucket_id, user))
    rows = list(renamed.returning(*BUCKET_COLUMNS).tuples().execute())
    if not rows:
        raise Failed(f"The Bucket with Id {bucket_id} does not exist", 404)
    return saved_json(*rows[0]), 201  # 201, as the original answered an update


def delete_bucket(bucket_id, user):
    if not Bucket.remove(bucket_id, user):
        raise Failed("Bucket resource cannot be found", 404)
    return {"status": "success", "message": "Bucket Deleted successfully"}
