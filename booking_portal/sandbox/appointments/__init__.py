"""Omneo v3 appointments: create, read, list, update, and the lifecycle they follow."""
