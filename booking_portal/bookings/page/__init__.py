"""The booking page: its state, how it is built and refreshed, and a submitted page."""
