import json

from core.errors import BadRequest, NotFound
from core.urls import absolute_url
from models.base import utc_now
from models.things import Thing

MAX_BYTES = 16 * 1024


def thing_json(thing_id: int, name: str, attributes: dict) -> dict:
    return {"id": thing_id, "name": name, **attributes}


def name_and_attributes(body: dict) -> tuple[str, dict]:
    """The thing as sent, split for storage: its id is the server's, so an `id` sent is dropped."""
    attributes = {key: value for key, value in body.items() if key not in ("id", "name")}
    size = len(json_bytes({"name": body["name"], **attributes}))
    if size > MAX_BYTES:
        raise BadRequest(f"A thing must be at most {MAX_BYTES} bytes of JSON; this one is {size}")
    return body["name"], attributes


def json_bytes(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def not_found(thing_id: int) -> NotFound:
    return NotFound(f"Your thing (id: {thing_id}) was not found")


def list_stuff(user, limit=100, offset=0):
    things = [thing_json(*row) for row in Thing.page(user, limit, offset)]  # and the next one, if any
    if len(things) <= limit:
        return things
    next_page = absolute_url("/stuff", f"limit={limit}&offset={offset + limit}")
    return things[:limit], 200, {"Link": f'<{next_page}>; rel="next"'}


def create_thing(body, user):
    name, attributes = name_and_attributes(body)
    thing = Thing.add(user, name, attributes)
    return thing_json(thing.id, name, attributes), 201


def update_thing(id, body, user):
    name, attributes = name_and_attributes(body)
    changes = {Thing.name: name, Thing.attributes: attributes, Thing.updated_at: utc_now()}
    if not Thing.update(changes).where(Thing.owned(id, user)).execute():
        raise not_found(id)
    return thing_json(id, name, attributes)


def delete_thing(id, user):
    if not Thing.remove(id, user):
        raise not_found(id)
    return {"code": 200, "message": f"Your thing (id: {id}) was deleted"}
