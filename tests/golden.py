"""Answers recorded once and compared on every run: how a rewrite proves it changed no byte."""

from __future__ import annotations

import json
import os
from pathlib import Path


def assert_as_recorded(answers: dict[str, list], golden: Path, write_variable: str) -> None:
    """`answers` (a name per request -> [status, body text]) are those recorded in `golden`, in
    the same order. With `write_variable` set in the environment they are recorded first: run
    so on the code before a rewrite, then never again."""
    if os.environ.get(write_variable):
        golden.write_text(json.dumps(answers, indent=1, ensure_ascii=False) + "\n")
    recorded = json.loads(golden.read_text())
    assert list(answers) == list(recorded)
    for key, answer in answers.items():
        assert answer == recorded[key], key
