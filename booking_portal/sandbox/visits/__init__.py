"""Omneo v3 profile visits: a customer's recorded attendance at a store."""
