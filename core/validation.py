"""Request validation that reports every offending field, in words a client can show.

Connexion's own validators stop at the first error and raise problem+json; these collect
all jsonschema errors into `{field: [message, ...]}` and raise `ValidationFailed`, which
each API renders in its own shape. They also turn the inputs Connexion 3.3 answers with
500 (invalid UTF-8, malformed multipart, unparsable parameters) into 400s.

Messages come from the spec: a schema's `x-messages` maps a jsonschema keyword to the
message to show (`maxLength: "Handles must be under 30 characters."`), and `x-field`
renames the key errors are reported under. Otherwise a plain default is used. One rule
is ours, keyword `storable`: a declared string must be text a database can hold.
"""

from __future__ import annotations

import json
import math
import typing as t
from collections import defaultdict
from collections.abc import Iterable

import jsonschema
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import TypeValidationError  # raised by Connexion's form coercion
from connexion.json_schema import Draft4RequestValidator, NullableTypeValidator
from connexion.validators import (
    VALIDATOR_MAP,
    FormDataValidator,
    JSONRequestBodyValidator,
    MultiPartFormDataValidator,
    ParameterValidator,
)
from jsonschema import ValidationError
from starlette.datastructures import Headers, MutableHeaders
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

from core.errors import ApiError, BadRequest, ValidationFailed
from core.forms import coerce, nest

ROOT_FIELD = "body"

_TYPES = {"integer": "an integer", "object": "an object", "array": "an array"}
_MESSAGES = {
    "type": lambda kind: "must be " + _TYPES.get(kind, f"a {kind}") if isinstance(kind, str) else "has the wrong type",
    "required": lambda _: "is required",
    "minLength": lambda n: "must not be empty" if n == 1 else f"must be at least {n} characters",
    "maxLength": lambda n: f"must be at most {n} characters",
    "minimum": lambda n: f"must be at least {n}",
    "maximum": lambda n: f"must be at most {n}",
    "pattern": lambda _: "is invalid",
    "format": lambda name: f"must be a valid {name}",
    "enum": lambda choices: "must be one of: " + ", ".join(map(str, choices)),
    "minItems": lambda n: f"must have at least {n} items",
    "maxItems": lambda n: f"must have at most {n} items",
    "maxProperties": lambda n: f"must have at most {n} entries",
    "additionalProperties": lambda _: "is not allowed",
    "oneOf": lambda _: "is invalid",
    "anyOf": lambda _: "is invalid",
}


def _default_message(error: ValidationError) -> str:
    message = _MESSAGES.get(error.validator)
    return message(error.validator_value) if message else error.message


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
    field = _field(error.absolute_path, schema)
    if keyword in ("type", "anyOf", "oneOf") and error.instance is None:  # null counts as missing
        yield field, _message(schema, "required") or "is required"
        return
    yield field, _message(schema, keyword) or _default_message(error)


def field_errors(errors: Iterable[ValidationError]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    unstorable: list[tuple[str, str]] = []
    for error in errors:
        for name, text in _entries(error):
            if error.validator == "storable":
                unstorable.append((name, text))
                continue
            messages = fields.setdefault(name, [])
            if text not in messages:
                messages.append(text)
    for name, text in unstorable:  # only where the spec's own rules said nothing already
        fields.setdefault(name, [text])
    return fields


def _storable(text: str) -> str | None:
    """Why no database column could hold this string, if it could not.

    JSON can carry NUL characters (PostgreSQL's text refuses them) and unpaired surrogates
    (not UTF-8 at all); a declared string containing either is a field error, not a 500.
    """
    if "\x00" in text:
        return "must not contain NUL characters"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "must be valid Unicode"
    return None


def _type_and_storable(validator, types, instance, schema):
    yield from NullableTypeValidator(validator, types, instance, schema)
    if schema.get("format") == "password":
        return  # only ever stored hashed, so any text will do
    if isinstance(instance, str) and "string" in (types if isinstance(types, list) else [types]):
        problem = _storable(instance)
        if problem:
            yield ValidationError(problem, validator="storable", validator_value=True)


# OpenAPI's request semantics (`nullable`), plus: declared strings must be storable.
RequestValidator = jsonschema.validators.extend(
    Draft4RequestValidator, {"type": _type_and_storable}, format_checker=Draft4RequestValidator.FORMAT_CHECKER
)


# A validator per schema, built once: building one (jsonschema's attrs class, its resolver)
# was 3% of the CPU of a small GET. The schemas are the specs' own dicts, alive as long as
# the app; keyed by identity (a dict is not hashable), the entry keeps its schema alive so
# the id cannot be reused, and the bound only guards against schemas made per call.
_VALIDATORS: dict[int, tuple[dict, jsonschema.protocols.Validator]] = {}
_MAX_VALIDATORS = 4096


def _validator(schema: dict) -> jsonschema.protocols.Validator:
    cached = _VALIDATORS.get(id(schema))
    if cached is None or cached[0] is not schema:
        if len(_VALIDATORS) >= _MAX_VALIDATORS:
            _VALIDATORS.clear()
        validator = RequestValidator(schema, format_checker=RequestValidator.FORMAT_CHECKER)
        cached = _VALIDATORS[id(schema)] = (schema, validator)
    return cached[1]


def _errors(schema: dict, instance: t.Any) -> Iterable[ValidationError]:
    return _validator(schema).iter_errors(instance)


def check(schema: dict, instance: t.Any) -> None:
    errors = list(_errors(schema, instance))
    if errors:
        raise ValidationFailed(field_errors(errors))


def _finite_float(text: str) -> float:
    # Python's parser reads NaN, Infinity and 1e999 as floats that cannot be written back as JSON.
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value


def _not_json(constant: str):
    raise ValueError(f"{constant} is not JSON")


class UnsupportedMediaType(ApiError):
    status = 415


async def _read_typed_body(stream, scope) -> bytes:
    """The whole body, refused when it is not empty and says nothing of its media type.

    Connexion then guesses the operation's first media type and validates the body as
    that, but the handler reads it by the header it lacks, as raw bytes (a 500). The
    originals did not guess either (Rails and Flask left such a body unparsed, Django
    REST refused it), so it is the same 415 as a wrong Content-Type, which every API
    documents on every operation with a body, each in its own shape.
    """
    raw = b"".join([chunk async for chunk in stream])
    if raw.strip() and "content-type" not in Headers(scope=scope):
        raise UnsupportedMediaType("The request body has no Content-Type")
    return raw


async def _replay(raw: bytes):
    yield raw


class JsonBodyValidator(JSONRequestBodyValidator):
    async def _parse(self, stream, scope):
        raw = await _read_typed_body(stream, scope)
        if not raw.strip():
            return None
        try:
            return json.loads(raw.decode(self._encoding), parse_float=_finite_float, parse_constant=_not_json)
        except (ValueError, LookupError, RecursionError):  # bad JSON, bad UTF-8, unknown charset, too deep
            raise BadRequest("The request body is not valid JSON") from None

    def _validate(self, body):
        if body is None:
            if self._required:
                raise BadRequest("The request body is required")
            return
        check(self._schema, body)


class FormBodyValidator(FormDataValidator):
    """Validates url-encoded forms, then hands the handler the same body as JSON would.

    Handlers therefore see one shape whatever the client sent: after validation the body
    is replayed as JSON with `Content-Type: application/json`.
    """

    MUTABLE_VALIDATION = True

    async def _parse(self, stream, scope):
        raw = await _read_typed_body(stream, scope)
        try:
            form = await FormParser(Headers(scope=scope), _replay(raw)).parse()
        except MultiPartException as error:  # too many fields
            raise BadRequest(f"Malformed form body: {error}") from None
        return coerce(nest(form.multi_items()), self._schema)

    def _validate(self, body):
        check(self._schema, body)

    def _insert_body(self, receive, *, body, scope):
        receive, scope = super()._insert_body(receive, body=body, scope=scope)
        MutableHeaders(scope=scope)["content-type"] = "application/json"
        return receive, scope


class _ClosingMultiPartParser(MultiPartParser):
    """Validation needs only the text fields: the files it parsed are closed at once (the
    handler gets its own copy), or each upload would leak a temporary file."""

    async def parse(self):
        form = await super().parse()
        await form.close()
        return form


class MultipartBodyValidator(MultiPartFormDataValidator):
    @property
    def _form_parser_cls(self):
        return _ClosingMultiPartParser

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
        value = coerce(value, schema)
        return [text for texts in field_errors(_errors(schema, value)).values() for text in texts]


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
