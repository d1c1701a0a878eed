"""Omneo v3 appointment queues: walk-ins waiting at a store, called, then served or cancelled."""
