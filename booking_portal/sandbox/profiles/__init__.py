"""Omneo v3 profiles: the customers, searched, read and added."""
