"""Chitter (seed 000), mounted at /chitter: the Makers Academy Rails backend, ported."""


def unwrapped(body: dict, wrapper: str) -> dict:
    """The fields of a body sent as `{wrapper: {...}}` or, as Rails also accepted, bare."""
    return body.get(wrapper, body)


def rails_time(moment) -> str:
    """2018-06-23T13:21:23.317Z: UTC, milliseconds truncated, as Rails renders times."""
    return moment.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"
