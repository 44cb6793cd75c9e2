from peewee import IntegrityError

from core.errors import NotFound, Unprocessable
from core.urls import absolute_url
from handlers.chitter import authorize, find_user, user_json
from models.chitter import Like, Peep

TAKEN = {"user": ["has already been taken"]}


def create_like(peep_id, user_id, token_info):
    user = find_user(user_id)
    authorize(user, token_info)
    if not Peep.exists_by_id(peep_id):
        raise NotFound("peep")
    try:
        Like.create(user=user, peep=peep_id)
    except IntegrityError:
        raise Unprocessable(fields=TAKEN) from None
    location = absolute_url(f"/peeps/{peep_id}/likes/{user_id}")
    return {"user": user_json(user)}, 201, {"Location": location}


patch_like = create_like


def delete_like(peep_id, user_id, token_info):
    authorize(find_user(user_id), token_info)
    if not Like.remove(peep_id, user_id):
        raise NotFound("like")
    return None, 204
