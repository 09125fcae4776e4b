"""The production ("zoho") dialect of the emulator; importing the package registers its routes."""

from . import directory, login, secrets, sharing

__all__ = ["directory", "login", "secrets", "sharing"]
