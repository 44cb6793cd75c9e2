"""Form bodies and query strings as the original clients sent them: nested keys, and
values typed by the schema (forms carry only strings)."""

from __future__ import annotations

import re
import typing as t
from collections.abc import Iterable

from connexion import utils as connexion_utils

# Rack/PHP-style nested keys, as jQuery serialises objects: user[handle]=kay
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def key_path(key: str) -> list[str]:
    root, bracket, _ = key.partition("[")
    if not bracket or not key.endswith("]"):
        return [key]
    return [root, *_BRACKETS.findall(key[len(root):])]


_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def _boolean(value: t.Any) -> bool:
    """A boolean as forms and query strings spell it: true/false in any case, or 1/0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _BOOLEANS:
        return _BOOLEANS[value.lower()]
    raise ValueError("Invalid boolean value")


def teach_connexion_booleans() -> None:
    """Connexion converts parameters again after they are validated, knowing only true/false:
    a `?flag=1` the validator accepted would crash there (500). It is taught the same
    spellings (a process-wide patch of connexion.utils, applied by create_app)."""
    connexion_utils.boolean = _boolean
    connexion_utils.TYPE_MAP["boolean"] = _boolean


def coerce(value: t.Any, schema: dict) -> t.Any:
    """Form values are strings: give them the type the schema asks for, where they read as one."""
    kind = schema.get("type")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return {k: coerce(v, properties.get(k, {})) for k, v in value.items()}
    if isinstance(value, list):
        if kind == "array":
            return [coerce(v, schema.get("items", {})) for v in value]
        value = value[-1]
    if not isinstance(value, str):
        return value
    if schema.get("nullable") and value == "null":
        return None  # a form cannot send null: `null` spells it, as in JSON (and Schemathesis)
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
    except ValueError:
        return value
    if kind == "boolean":
        return _BOOLEANS.get(value.lower(), value)
    return value


def nest(pairs: Iterable[tuple[str, t.Any]]) -> dict:
    data: dict = {}
    for key, value in pairs:
        node, path = data, key_path(key)
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        leaf = node.get(path[-1])
        if not isinstance(leaf, list):  # a key sent both as a value and as a parent: last wins
            leaf = node[path[-1]] = []
        leaf.append(value)
    return data
