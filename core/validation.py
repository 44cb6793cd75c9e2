"""Request validation that reports every offending field, in words a client can show.

Connexion's own validators stop at the first error and raise problem+json; these collect
all jsonschema errors into `{field: [message, ...]}` and raise `ValidationFailed`, which
each API renders in its own shape. They also turn the inputs Connexion 3.3 answers with
500 (invalid UTF-8, malformed multipart, unparsable parameters) into 400s.

Messages come from the spec: a schema's `x-messages` maps a jsonschema keyword to the
message to show (`maxLength: "Handles must be under 30 characters."`), and `x-field`
renames the key errors are reported under. Otherwise a plain default is used. Null counts
as missing, except where the schema says `nullable: true`.
"""

from __future__ import annotations

import json
import re
import typing as t
from collections import defaultdict
from collections.abc import Iterable

from connexion.datastructures import MediaTypeDict
from connexion.exceptions import TypeValidationError
from connexion.json_schema import Draft4RequestValidator
from connexion.validators import (
    VALIDATOR_MAP,
    FormDataValidator,
    JSONRequestBodyValidator,
    MultiPartFormDataValidator,
    ParameterValidator,
)
from jsonschema import ValidationError
from starlette.datastructures import Headers, MutableHeaders
from starlette.formparsers import FormParser, MultiPartException

from core.errors import BadRequest, ValidationFailed

ROOT_FIELD = "body"

_ARTICLES = {"integer": "an integer", "object": "an object", "array": "an array"}


def _default_message(error: ValidationError) -> str:
    keyword, value = error.validator, error.validator_value
    if keyword == "type":
        return "must be " + _ARTICLES.get(value, f"a {value}") if isinstance(value, str) else "has the wrong type"
    messages = {
        "required": "is required",
        "minLength": "must not be empty" if value == 1 else f"must be at least {value} characters",
        "maxLength": f"must be at most {value} characters",
        "minimum": f"must be at least {value}",
        "maximum": f"must be at most {value}",
        "pattern": "is invalid",
        "format": f"must be a valid {value}",
        "enum": "must be one of: " + ", ".join(map(str, value)) if isinstance(value, list) else "",
        "minItems": f"must have at least {value} items",
        "maxItems": f"must have at most {value} items",
        "maxProperties": f"must have at most {value} entries",
        "additionalProperties": "is not allowed",
        "oneOf": "is invalid",
        "anyOf": "is invalid",
    }
    return messages.get(keyword) or error.message


def _message(schema: dict, keyword: str) -> str | None:
    return (schema.get("x-messages") or {}).get(keyword) if isinstance(schema, dict) else None


def _field(path: Iterable, schema: dict | None = None) -> str:
    if isinstance(schema, dict) and "x-field" in schema:
        return schema["x-field"]
    names = [part for part in path if isinstance(part, str)]
    return names[-1] if names else ROOT_FIELD


def _best_branch(error: ValidationError) -> list[ValidationError]:
    """Of a failed oneOf/anyOf, the errors of the branch the instance came closest to."""
    branches: dict[int, list[ValidationError]] = defaultdict(list)
    for sub in error.context or ():
        branches[sub.relative_schema_path[0]].append(sub)
    if not branches:
        return []

    def distance(errors: list[ValidationError]) -> tuple[int, int]:
        at_root = sum(1 for e in errors if len(e.relative_path) == 0)
        return at_root, len(errors)

    return min(branches.values(), key=distance)


def _entries(error: ValidationError) -> Iterable[tuple[str, str]]:
    keyword, schema = error.validator, error.schema
    if keyword in ("oneOf", "anyOf") and not _message(schema, keyword):
        branch = _best_branch(error)
        if branch:
            for sub in branch:
                yield from _entries(sub)
            return
    if keyword == "required":
        properties = schema.get("properties", {})
        for name in error.validator_value:
            if isinstance(error.instance, dict) and name not in error.instance:
                own = properties.get(name, {})
                text = _message(own, "required") or _message(schema, "required") or "is required"
                yield _field([*error.absolute_path, name], own), text
        return
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        known = set(schema.get("properties", {}))
        for name in error.instance:
            if name not in known:
                yield name, _message(schema, keyword) or "is not allowed"
        return
    if keyword in ("type", "anyOf", "oneOf") and error.instance is None:
        keyword = "required"  # null counts as missing, also where several types are allowed
    yield _field(error.absolute_path, schema), _message(schema, keyword) or _default_message(error)


def field_errors(errors: Iterable[ValidationError]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        for name, text in _entries(error):
            messages = fields.setdefault(name, [])
            if text not in messages:
                messages.append(text)
    return fields


def _errors(schema: dict, instance: t.Any) -> Iterable[ValidationError]:
    """Draft 4 as OpenAPI 3.0 extends it: `nullable: true` admits null."""
    return Draft4RequestValidator(schema, format_checker=Draft4RequestValidator.FORMAT_CHECKER).iter_errors(instance)


def check(schema: dict, instance: t.Any) -> None:
    errors = list(_errors(schema, instance))
    if errors:
        raise ValidationFailed(field_errors(errors))


class JsonBodyValidator(JSONRequestBodyValidator):
    async def _parse(self, stream, scope):
        raw = b"".join([chunk async for chunk in stream])
        if not raw.strip():
            return None
        try:
            return json.loads(raw.decode(self._encoding))
        except (ValueError, LookupError):  # bad JSON, bad UTF-8, unknown charset
            raise BadRequest("The request body is not valid JSON") from None

    def _validate(self, body):
        if body is None:
            if self._required:
                raise BadRequest("The request body is required")
            return
        check(self._schema, body)


# Rack/PHP-style nested keys, as jQuery serialises objects: user[handle]=kay
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def _key_path(key: str) -> list[str]:
    root, bracket, _ = key.partition("[")
    if not bracket or not key.endswith("]"):
        return [key]
    return [root, *_BRACKETS.findall(key[len(root):])]


def _coerce(value: t.Any, schema: dict) -> t.Any:
    """Form values are strings: give them the type the schema asks for, where they read as one."""
    kind = schema.get("type")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return {k: _coerce(v, properties.get(k, {})) for k, v in value.items()}
    if isinstance(value, list):
        if kind == "array":
            return [_coerce(v, schema.get("items", {})) for v in value]
        value = value[-1]
    if not isinstance(value, str):
        return value
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
    except ValueError:
        return value
    if kind == "boolean":
        return {"true": True, "1": True, "false": False, "0": False}.get(value.lower(), value)
    return value


def _nest(pairs: Iterable[tuple[str, t.Any]]) -> dict:
    data: dict = {}
    for key, value in pairs:
        node, path = data, _key_path(key)
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node.setdefault(path[-1], []).append(value)
    return data


class FormBodyValidator(FormDataValidator):
    """Validates url-encoded forms, then hands the handler the same body as JSON would.

    Handlers therefore see one shape whatever the client sent: after validation the body
    is replayed as JSON with `Content-Type: application/json`.
    """

    MUTABLE_VALIDATION = True

    async def _parse(self, stream, scope):
        form = await FormParser(Headers(scope=scope), stream).parse()
        return _coerce(_nest(form.multi_items()), self._schema)

    def _validate(self, body):
        check(self._schema, body)

    def _insert_body(self, receive, *, body, scope):
        receive, scope = super()._insert_body(receive, body=body, scope=scope)
        MutableHeaders(scope=scope)["content-type"] = "application/json"
        return receive, scope


class MultipartBodyValidator(MultiPartFormDataValidator):
    async def _parse(self, stream, scope):
        try:
            return await super()._parse(stream, scope)
        except (MultiPartException, TypeValidationError, ValueError, KeyError) as error:
            raise BadRequest(f"Malformed multipart body: {error}") from None

    def _validate(self, body):
        if self._strict_validation:
            self._validate_params_strictly(body)
        check(self._schema, body)

    def _validate_params_strictly(self, data):
        extra = set(data) - set(self._schema.get("properties", {}))
        if extra:
            raise ValidationFailed({name: ["is not allowed"] for name in sorted(extra)})


class FieldParameterValidator(ParameterValidator):
    """Checks path, query and header parameters, reporting each bad one by name.

    Values are read raw and coerced here, so one bad parameter cannot hide the others.
    Strict validation also refuses unknown query parameters, and a single-valued one
    given twice; otherwise the last value counts, as Rails did.
    """

    def validate_request(self, request):
        fields: dict[str, list[str]] = {}
        if self.strict_validation:
            for name in sorted(self.validate_query_parameter_list(request, self.security_query_params)):
                fields[name] = ["is not allowed"]
        raw = request._starlette_request
        readers = {
            "query": lambda name: raw.query_params.getlist(name) or None,
            "path": lambda name: raw.path_params.get(name.replace("-", "_")),
            "header": lambda name: raw.headers.get(name),
        }
        for location, read in readers.items():
            for param in self.parameters.get(location, []):
                problems = self._problems(param, read(param["name"]))
                if problems:
                    fields[param["name"]] = problems
        if fields:
            raise ValidationFailed(fields, in_body=False)

    def _problems(self, param: dict, value: t.Any) -> list[str]:
        schema = param.get("schema", {})
        if value is None:
            return [_message(schema, "required") or "is required"] if param.get("required") else []
        if self.strict_validation and isinstance(value, list) and len(value) > 1 and schema.get("type") != "array":
            return ["must be given once"]  # strict APIs take no guess at which of two values was meant
        value = _coerce(value, schema)
        return [text for error in _errors(schema, value) for _, text in _entries(error)]


VALIDATORS = {
    **VALIDATOR_MAP,
    "parameter": FieldParameterValidator,
    "body": MediaTypeDict(
        {
            "*/*json": JsonBodyValidator,
            "application/x-www-form-urlencoded": FormBodyValidator,
            "multipart/form-data": MultipartBodyValidator,
        }
    ),
}
