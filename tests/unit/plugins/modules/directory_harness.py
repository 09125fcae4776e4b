# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a module's main() in-process against the fake vault of the state tests; returns (failed, result)."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import contextlib
import io
import json
from unittest import mock

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.state.fake_directory import FakeVault, vault_facade

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    from ansible.module_utils import basic
    from ansible.module_utils.common.text.converters import to_bytes

    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args}))):
            yield


def run_module(main, fake, check_mode=False, diff=False, **args):
    args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
    out = io.StringIO()
    with patch_module_args(args), \
            mock.patch.object(ZohoVaultModule, 'vault', new_callable=mock.PropertyMock, return_value=vault_facade(fake)), \
            contextlib.redirect_stdout(out):
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        else:
            code = 0
    result = json.loads(out.getvalue())
    return bool(code) or bool(result.get('failed')), result


__all__ = ['FakeVault', 'run_module']
