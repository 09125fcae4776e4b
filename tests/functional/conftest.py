# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Functional tests of the shared client against the live emulator (plain pytest, no ansible-test).

Makes ``ansible_collections.zoho.vault`` importable through ``<tmp>/ansible_collections/zoho/vault``
(a symlink to the repository root) and imports the emulator helper from tests/emulator.
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
COLLECTIONS_PARENT = tempfile.mkdtemp(prefix='zoho-vault-functional-')
os.makedirs(os.path.join(COLLECTIONS_PARENT, 'ansible_collections', 'zoho'))
os.symlink(ROOT, os.path.join(COLLECTIONS_PARENT, 'ansible_collections', 'zoho', 'vault'))
sys.path.insert(0, COLLECTIONS_PARENT)
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault  # noqa: E402
from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient  # noqa: E402
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions  # noqa: E402

_counter = itertools.count(1)


@pytest.fixture(scope='session')
def emulator():
    emu = Emulator().start(plan='enterprise')
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def emu(emulator):
    """The session emulator, with faults, clock, plan, page cap and token TTL restored after each test."""
    yield emulator
    emulator.clear_faults()
    emulator.set_clock(0)
    emulator.set_plan(plan='enterprise')
    emulator.set_page_cap(None)


@pytest.fixture
def new_user(emu):
    """A fresh Administrator with its own refresh token (so that every test has its own mint budget)."""

    def factory(role='Administrator', scopes=None):
        email = 'func-%d-%d@example.com' % (os.getpid(), next(_counter))
        creds = emu.create_user(email, role, scopes=scopes)
        creds.setdefault('email', email)
        return creds
    return factory


@pytest.fixture
def make_vault(emu, tmp_path):
    """make_vault(creds, **option overrides) → Vault over a real VaultClient (small backoff for speed)."""

    def factory(creds, client_kwargs=None, **overrides):
        values = dict(api_url=emu.api_url, accounts_url=emu.accounts_url, client_id=creds['client_id'],
                      client_secret=creds['client_secret'], refresh_token=creds['refresh_token'],
                      token_cache_dir=str(tmp_path / 'tokens'), retries=8, timeout=10)
        values.update(overrides)
        kwargs = dict(backoff_base=0.02, backoff_cap=0.5)
        kwargs.update(client_kwargs or {})
        return Vault(VaultClient(ConnectionOptions.from_values(values), **kwargs))
    return factory


class SimTime:
    """Simulated time shared by the client and the emulator: sleeping advances the emulator's clock."""

    def __init__(self, emu):
        self.emu = emu
        self.offset = 0.0
        self.slept = 0.0

    def time(self):
        return time.time() + self.offset

    def sleep(self, seconds):
        self.offset += seconds
        self.slept += seconds
        self.emu.set_clock(self.offset)


@pytest.fixture
def sim_time(emu):
    return SimTime(emu)


def collection_pythonpath():
    return os.pathsep.join([COLLECTIONS_PARENT, os.environ.get('PYTHONPATH', '')]).rstrip(os.pathsep)
