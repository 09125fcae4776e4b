# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tests of the AWX credential plugins, run in the venv that ``pip install ./awx-plugins`` made.

The plugins are loaded through their entry points and their backends called as AWX calls them:
``backend(**kwargs)`` with the source credential's inputs merged with the metadata of the linked field.
Nothing puts the checkout on ``sys.path``: the collection the plugins import is the copy in the wheel.
The emulator runs in a venv with Flask (``ZOHO_VAULT_EMULATOR_PYTHON``, default this interpreter).
"""

from __future__ import annotations

import os
import sys
import time
from importlib.metadata import entry_points
from typing import Any, Dict, List

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'emulator'))

from zoho_vault_emulator.testing import Emulator  # noqa: E402

GROUP = 'awx_plugins.credentials'
NAMES = ('zoho_vault_secret', 'zoho_vault_token')


def plugin(name: str) -> Any:
    """The plugin as AWX finds it: by its entry point in the awx_plugins.credentials group."""
    found = [ep for ep in entry_points(group=GROUP) if ep.name == name]
    assert len(found) == 1, 'entry point %s not installed' % name
    return found[0].load()


def call(name: str, inputs: Dict[str, Any], metadata: Dict[str, Any] | None = None) -> str:
    """What AWX does for a linked field: the source credential's inputs, then the metadata, as keyword arguments."""
    kwargs = dict(inputs)
    kwargs.update(metadata or {})
    return plugin(name).backend(**kwargs)


class Clock:
    """The plugins' clock and the emulator's, moved together (token expiry is tested without sleeping)."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds
        self.emu.set_clock(self.offset)


@pytest.fixture(scope='session')
def emulator():
    emu = Emulator(python=os.environ.get('ZOHO_VAULT_EMULATOR_PYTHON') or sys.executable).start(plan='enterprise')
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def emu(emulator, monkeypatch, tmp_path):
    """The emulator, reset, with a fresh plugin process state: no token in memory, an empty home (no file may land there)."""
    from zoho_vault_awx import _tokens
    emulator.reset()
    clock = Clock(emulator)
    monkeypatch.setattr(_tokens, 'clock', clock)
    monkeypatch.setenv('HOME', str(tmp_path / 'home'))
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'home' / '.cache'))
    (tmp_path / 'home').mkdir()
    _tokens.REGISTRY.clear()
    emulator.clock = clock
    yield emulator
    _tokens.REGISTRY.clear()
    emulator.clear_faults()
    emulator.set_clock(0)
    # ansible-core makes an empty ~/.ansible/tmp when imported; no file may appear (a token cache, a key).
    written = [os.path.join(top, name) for top, _dirs, files in os.walk(tmp_path / 'home') for name in files]
    assert not written, 'the plugins wrote files: %s' % written


_users: List[int] = []


@pytest.fixture
def source(emu):
    """source(**overrides) → the inputs of a source credential for a new reference-dialect user (its own mint budget)."""

    def factory(**overrides: Any) -> Dict[str, Any]:
        _users.append(1)
        creds = emu.create_user('awx-%d-%d@example.com' % (os.getpid(), len(_users)), 'Administrator')
        inputs = {'data_center': 'com', 'api_url': emu.api_url, 'accounts_url': emu.accounts_url, 'dialect': 'reference',
                  'client_id': creds['client_id'], 'client_secret': creds['client_secret'],
                  'refresh_token': creds['refresh_token'], 'skip_tls_verify': False}
        inputs.update(overrides)
        return inputs
    return factory


@pytest.fixture
def zoho_source(emu):
    """zoho_source(label, **overrides) → the inputs of a source credential for a seeded production-dialect account."""

    def factory(label: str, **overrides: Any) -> Dict[str, Any]:
        account = emu.zoho_accounts[label]
        inputs = {'data_center': 'com', 'api_url': emu.zoho_url, 'accounts_url': emu.accounts_url, 'dialect': 'zoho',
                  'client_id': account['client_id'], 'client_secret': account['client_secret'],
                  'refresh_token': account['refresh_token']}
        if account.get('master_password'):
            inputs['master_password'] = account['master_password']
        else:
            inputs['master_key'] = account['master_key']
        inputs.update(overrides)
        return inputs
    return factory


def mints(emu: Emulator) -> int:
    return int(emu.counters()['calls'].get('POST /oauth/v2/token', 0))
