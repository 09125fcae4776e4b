# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run one module's main() in-process with a given vault (usually the in-process emulator's)."""

from __future__ import annotations

import contextlib
import io
import json
from unittest import mock

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    from ansible.module_utils import basic
    from ansible.module_utils.common.text.converters import to_bytes

    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args}))):
            yield

# Connection options the argument spec accepts; the vault itself is the one handed to run_module.
CONNECTION = dict(access_token='static-token-value', api_url='https://vault.example.test/api/json',
                  accounts_url='https://accounts.example.test')


def run_module(main, vault, check_mode=False, diff=False, **args):
    """(failed, result, stdout text) of one module run."""
    args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
    out = io.StringIO()
    with patch_module_args(args), \
            mock.patch.object(ZohoVaultModule, 'vault', new_callable=mock.PropertyMock, return_value=vault), \
            contextlib.redirect_stdout(out):
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        else:
            code = 0
    text = out.getvalue()
    result = json.loads(text)
    return bool(code) or bool(result.get('failed')), result, text


__all__ = ['CONNECTION', 'run_module']
