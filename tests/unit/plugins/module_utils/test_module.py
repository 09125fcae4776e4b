# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ZohoVaultModule: merged argspec, one-line failures."""


import json

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound
from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule


class Failed(Exception):
    pass


def build(monkeypatch, args, spec=None):
    monkeypatch.setattr(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args})))

    def fail_json(self, **kwargs):
        raise Failed(kwargs)
    monkeypatch.setattr(ZohoVaultModule, 'fail_json', fail_json)
    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError:
        return ZohoVaultModule(argument_spec=spec or {}, supports_check_mode=True)
    with patch_module_args(args):
        return ZohoVaultModule(argument_spec=spec or {}, supports_check_mode=True)


def test_merged_spec_and_vault(monkeypatch, tmp_path):
    module = build(monkeypatch, {'name': 'x', 'access_token': 'AT-123', 'api_url': 'http://127.0.0.1:9/api/json'},
                   {'name': dict(type='str', required=True)})
    assert module.params['name'] == 'x' and module.params['retries'] == 5
    assert module.vault.client.api_url == 'http://127.0.0.1:9/api/json'
    assert module.vault is module.vault


def test_config_error_fails_in_one_line(monkeypatch):
    module = build(monkeypatch, {'client_id': 'only-id'})
    with pytest.raises(Failed) as info:
        module.vault
    msg = info.value.args[0]['msg']
    assert msg.startswith('set either access_token') and '\n' not in msg


def test_errors_context_manager(monkeypatch):
    module = build(monkeypatch, {'access_token': 'AT-123'})
    with pytest.raises(Failed) as info:
        with module.errors(changed=False):
            raise NotFound('no secret named AT-123', status=404, code=7004, context='GET /secrets/1')
    result = info.value.args[0]
    assert result['status'] == 404 and result['zoho_code'] == 7004 and result['changed'] is False
    assert 'no secret named' in result['msg']
