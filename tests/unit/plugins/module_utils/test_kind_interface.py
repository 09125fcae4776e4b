# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every kind implements the one interface (``_kinds/interface.py``) and every single-object module runs through ``run_single``."""

import inspect
import pathlib
import re

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._kinds.interface import Kind
from ansible_collections.zoho.vault.plugins.module_utils._kinds.chamber import ChamberState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.emergency_access import EmergencyState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.group import GroupState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SecretState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret_share import ShareState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.user import UserState

KINDS = (UserState, GroupState, ChamberState, SecretState, ShareState, EmergencyState)
METHODS = ('desired', 'read', 'plan', 'predict', 'apply', 'view', 'shown', 'diff')
MODULES = pathlib.Path(__file__).resolve().parents[4] / 'plugins' / 'modules'


def _parameters(function):
    return [(p.name, p.default) for p in inspect.signature(function).parameters.values() if p.name != 'self']


@pytest.mark.parametrize('cls', KINDS, ids=lambda c: c.__name__)
def test_each_kind_has_the_fixed_signatures(cls):
    assert issubclass(cls, Kind) and not inspect.isabstract(cls)
    state = cls(vault=None)
    assert state.kind and state.writes_done == 0 and state.vault is None
    for name in METHODS:
        assert _parameters(getattr(state, name)) == _parameters(getattr(Kind, name)), name


def test_every_module_that_changes_one_object_uses_the_runner():
    runners, inlined = [], []
    for path in sorted(MODULES.glob('*.py')):
        text = path.read_text(encoding='utf-8')
        if 'run_single(' in text or 'exit_single(' in text:
            runners.append(path.stem)
        if path.stem != 'vault_state' and re.search(r'\.(desired|plan|predict|apply)\(', text):  # vault_state: the engine
            inlined.append(path.stem)  # a loop of its own
    assert runners == ['chamber', 'emergency_access', 'group', 'secret', 'secret_share', 'user'] and inlined == []
