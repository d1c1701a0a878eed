"""Every cached or side-by-side read of Omneo: one cache policy, one pool, one zone rule."""
