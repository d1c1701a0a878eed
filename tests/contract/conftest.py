"""The sandbox helpers, shared with the sandbox unit tests."""

from __future__ import annotations

from tests.unit.sandbox.conftest import _no_faults_left_over, sandbox

__all__ = ["_no_faults_left_over", "sandbox"]
