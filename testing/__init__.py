"""Test-only helpers shared by tests/ and contract_tests/ (pytest plugins)."""
