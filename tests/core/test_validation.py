"""Field errors from jsonschema errors: names, messages from the spec, oneOf branches."""

import pytest

from core.errors import ValidationFailed
from core.validation import check

HANDLE = {
    "type": "string",
    "pattern": r"\S",
    "maxLength": 5,
    "x-messages": {"required": "can't be blank", "pattern": "can't be blank", "maxLength": "too long"},
}
FIELDS = {
    "type": "object",
    "additionalProperties": False,
    "required": ["handle", "age"],
    "properties": {
        "handle": HANDLE,
        "age": {"type": "integer", "minimum": 0},
        "password": {"type": "string", "x-field": "password_hash", "minLength": 1},
    },
}
WRAPPED = {"oneOf": [{"type": "object", "required": ["user"], "additionalProperties": False,
                      "properties": {"user": FIELDS}}, FIELDS]}


def fields_of(schema, instance) -> dict:
    with pytest.raises(ValidationFailed) as raised:
        check(schema, instance)
    return raised.value.fields


def test_every_invalid_field_is_reported_with_its_spec_message():
    fields = fields_of(FIELDS, {"handle": "toolong", "age": -1})

    assert fields == {"handle": ["too long"], "age": ["must be at least 0"]}


def test_missing_and_null_fields_use_the_required_message():
    assert fields_of(FIELDS, {"handle": None}) == {"handle": ["can't be blank"], "age": ["is required"]}
    assert fields_of(FIELDS, {"handle": "kay", "age": None}) == {"age": ["is required"]}


def test_unknown_fields_are_named():
    assert fields_of(FIELDS, {"handle": "kay", "age": 1, "admin": True}) == {"admin": ["is not allowed"]}


def test_x_field_renames_the_reported_key():
    assert fields_of(FIELDS, {"handle": "kay", "age": 1, "password": ""}) == {"password_hash": ["must not be empty"]}


def test_one_of_reports_the_branch_the_body_came_closest_to():
    assert fields_of(WRAPPED, {"user": {"handle": " ", "age": 1}}) == {"handle": ["can't be blank"]}
    assert fields_of(WRAPPED, {"handle": " ", "age": 1}) == {"handle": ["can't be blank"]}


def test_a_body_of_the_wrong_type_is_reported_as_body():
    assert fields_of(FIELDS, []) == {"body": ["must be an object"]}


def test_a_valid_instance_passes():
    check(WRAPPED, {"user": {"handle": "kay", "age": 3}})


NULLABLE = {
    "type": "object",
    "properties": {
        "parent": {"type": "integer", "nullable": True},
        "name": {"type": "string", "x-messages": {"required": "required"}},
    },
}


def test_null_passes_where_the_schema_is_nullable():
    check(NULLABLE, {"parent": None, "name": "x"})


def test_null_is_reported_as_missing_where_it_is_not():
    with pytest.raises(ValidationFailed) as failed:
        check(NULLABLE, {"parent": None, "name": None})

    assert failed.value.fields == {"name": ["required"]}


def test_null_is_missing_where_several_types_are_allowed():
    schema = {
        "type": "object",
        "properties": {
            "id": {
                "anyOf": [{"type": "integer"}, {"type": "string"}],
                "x-messages": {"required": "required", "anyOf": "should be number"},
            }
        },
    }

    with pytest.raises(ValidationFailed) as failed:
        check(schema, {"id": None})

    assert failed.value.fields == {"id": ["required"]}
