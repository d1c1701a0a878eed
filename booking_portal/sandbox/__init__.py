"""The built-in double of the Omneo API, grouped by Omneo resource."""
