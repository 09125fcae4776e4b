# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run one of the secret modules' main() in-process, against the fake vault or a real client over a fake HTTP session."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import contextlib
import io
import json
from unittest import mock

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    from ansible.module_utils import basic
    from ansible.module_utils.common.text.converters import to_bytes

    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args}))):
            yield

CONNECTION = dict(access_token='static-token-value', api_url='https://vault.example.test/api/json',
                  accounts_url='https://accounts.example.test')


class Reply(object):
    """A requests-like response; ``body`` None means a non-JSON body."""

    def __init__(self, status=200, body=None, text=''):
        self.status_code = status
        self._body = body
        self.text = text
        self.headers = {'Content-Type': 'application/json' if body is not None else 'text/html'}

    @property
    def raw(self):
        """The streamed body the client reads (a fresh stream each time: a reply may be served twice)."""
        return _Body(json.dumps(self._body).encode('utf-8') if self._body is not None else self.text.encode('utf-8'))

    def close(self):
        pass


class _Body(io.BytesIO):
    def read1(self, amt=-1, decode_content=None):  # pylint: disable=arguments-differ
        return super(_Body, self).read1(amt)


def ok(details, status=200):
    return Reply(status, {'operation': {'name': 'OP', 'result': {'status': 'success'}, 'details': details}})


class Session(object):
    def __init__(self, handler):
        self.handler = handler
        self.headers = {}
        self.proxies = {}
        self.verify = True
        self.calls = []

    def request(self, method, url, **kwargs):
        self.calls.append((method, url, kwargs))
        result = self.handler(method, url, kwargs)
        if isinstance(result, BaseException):
            raise result
        return result

    def close(self):
        pass


def http_vault(handler):
    options = ConnectionOptions.from_values(dict(CONNECTION, retries=1))
    session = Session(handler)
    client = VaultClient(options, session=session, sleep=lambda s: None)
    return Vault(client), session


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


__all__ = ['CONNECTION', 'Reply', 'Session', 'http_vault', 'ok', 'run_module']
