"""Request validation: OpenAPI 3.0's `nullable` admits null; elsewhere null is missing."""

import pytest

from core.errors import ValidationFailed
from core.validation import check

SCHEMA = {
    "type": "object",
    "properties": {
        "parent": {"type": "integer", "nullable": True},
        "name": {"type": "string", "x-messages": {"required": "required"}},
    },
}


def test_null_passes_where_the_schema_is_nullable():
    check(SCHEMA, {"parent": None, "name": "x"})


def test_null_is_reported_as_missing_where_it_is_not():
    with pytest.raises(ValidationFailed) as failed:
        check(SCHEMA, {"parent": None, "name": None})

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
