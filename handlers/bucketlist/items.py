from peewee import IntegrityError

from core.config import active
from handlers.bucketlist import Failed, iso_date, page_json
from models.base import utc_now
from models.bucketlist import ITEM_COLUMNS, Bucket, Item, bucket_items, item_row


def item_json(item_id, name, description, bucket_id, created_at, modified_at) -> dict:
    return {
        "id": item_id,
        "name": name,
        "description": description,
        "bucketId": bucket_id,
        "createdAt": iso_date(created_at),
        "modifiedAt": iso_date(modified_at),
    }


def no_bucket(bucket_id: str) -> Failed:
    return Failed(f"User has no Bucket with Id {bucket_id}", 404)


def not_found(bucket_id: str, user: int) -> Failed:
    """Why an item lookup found nothing: no such bucket of this user, or no such item in it."""
    return Failed("Item not found", 404) if Bucket.is_owned(bucket_id, user) else no_bucket(bucket_id)


def list_items(bucket_id, user, page=1, q=None, limit=None):
    kept = Bucket.items_kept(bucket_id, user)
    if kept is None:
        raise Failed("Bucket not found", 404)
    count, version = kept
    found = bucket_items.page((int(bucket_id),), path=f"/v1/bucketlists/{int(bucket_id)}/items", page=page,
                              limit=limit, q=q, default_limit=active().bucketlist_per_page, count=count,
                              version=version)
    return page_json(found, "items", item_json)


def create_item(bucket_id, body, user):
    if not Bucket.is_owned(bucket_id, user):
        raise no_bucket(bucket_id)
    now, fields = utc_now(), {"name": body["name"], "description": body.get("description")}
    try:
        item = Item.add(int(bucket_id), created_at=now, modified_at=now, **fields)
    except IntegrityError:  # the bucket was deleted in between
        raise no_bucket(bucket_id) from None
    return {"status": "success", "item": item_json(item.id, item.name, item.description, int(bucket_id), now, now)}


def get_item(bucket_id, item_id, user):
    rows = item_row(int(bucket_id), int(item_id), user)
    if not rows:
        raise not_found(bucket_id, user)
    return {"status": "success", "item": item_json(*rows[0])}


def update_item(bucket_id, item_id, body, user):
    changes = {Item.name: body["name"], Item.modified_at: utc_now()}
    if body.get("description") is not None:  # null or absent leaves it as it was
        changes[Item.description] = body["description"]
    edited = Item.update(changes).where(Item.in_owned_bucket(bucket_id, item_id, user))
    rows = list(edited.returning(*ITEM_COLUMNS).tuples().execute())
    if not rows:
        raise not_found(bucket_id, user)
    return {"status": "success", "item": item_json(*rows[0])}


def delete_item(bucket_id, item_id, user):
    if not Item.remove(bucket_id, item_id, user):
        raise not_found(bucket_id, user)
    return {"status": "success", "message": f"Successfully deleted the item from bucket with Id {bucket_id}"}
