"""The admin's review of every write to Omneo: booking attempts and later changes."""

from __future__ import annotations

from . import attempts, changes  # noqa: F401 - each registers its ModelAdmin
