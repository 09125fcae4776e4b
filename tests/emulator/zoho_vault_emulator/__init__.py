"""A local emulator of the Zoho Vault API, used by the zoho.vault collection's tests and benchmarks."""

__version__ = "1.0.0"
