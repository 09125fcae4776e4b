"""API handlers, one module per resource; importing a module registers its routes."""

from . import audit, chambers, emergency, generator, groups, secrets, sharing, users

__all__ = ["audit", "chambers", "emergency", "generator", "groups", "secrets", "sharing", "users"]
