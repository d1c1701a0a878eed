"""Omneo v3 availability: free slots for a day or a range, the staff who have them."""
