# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``ZohoVaultModule``: AnsibleModule with the shared connection options and the Vault facade.

A module reads::

    module = ZohoVaultModule(argument_spec=dict(name=dict(type='str', required=True)), supports_check_mode=True)
    with module.errors():
        current = module.vault.secrets.resolve(module.params['name'])
        ...
    module.exit_json(changed=False, ...)
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterable, Iterator, Mapping, NoReturn, Optional

from ansible.module_utils.basic import AnsibleModule, _load_params, missing_required_lib

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._api.scopes import name_missing_scope
from ansible_collections.zoho.vault.plugins.module_utils._client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, VaultClient
from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions, connection_argument_spec
from ansible_collections.zoho.vault.plugins.module_utils._redact import redact


def _kind(value: Any) -> str:
    return {dict: 'a mapping', list: 'a list', str: 'a string', bool: 'a boolean', type(None): 'null'}.get(type(value), type(value).__name__)


def shape_error(spec: Dict[str, Any], value: Any, path: str) -> Optional[str]:
    """The first place where ``value`` does not have the shape of option ``spec`` (mappings, lists, scalars), else None.

    Ansible's own check of nested options names no place, misreads some shapes (``[5]`` for a list of
    mappings is reported as "must be a list") and raises a TypeError on a number where a mapping belongs;
    this check runs first so that such a value fails with one line that says where and what.
    """
    wanted = spec.get('type', 'str')
    if value is None:
        return None
    if wanted == 'dict':
        return _mapping_error(spec, value, path)
    if wanted == 'list':
        return _list_error(spec, value, path)
    if wanted in ('str', 'int', 'bool', 'path', 'float') and isinstance(value, (dict, list)):
        return '%s must be a single value (%s), got %s' % (path, wanted, _kind(value))
    return None


def _mapping_error(spec: Dict[str, Any], value: Any, path: str) -> Optional[str]:
    options = spec.get('options')
    if isinstance(value, str) and options:
        try:
            value = json.loads(value)
        except ValueError:
            return '%s must be a mapping, got a string that is not a JSON mapping' % path
    if not isinstance(value, dict) and (options or not isinstance(value, str)):
        return '%s must be a mapping, got %s' % (path, _kind(value))
    if not options or not isinstance(value, dict):
        return None
    names = {alias: key for key, sub in options.items() for alias in [key] + list(sub.get('aliases') or [])}
    unknown = sorted(str(k) for k in value if k not in names)
    if unknown:
        return '%s has unknown key(s) %s; use %s' % (path, ', '.join(unknown), ', '.join(sorted(options)))
    return _first(shape_error(options[names[given]], item, '%s.%s' % (path, given)) for given, item in value.items())


def _list_error(spec: Dict[str, Any], value: Any, path: str) -> Optional[str]:
    if not isinstance(value, list):
        if spec.get('elements') != 'dict' and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return None  # Ansible makes a list of it ("READ" → ["READ"], "a,b" → ["a", "b"])
        return '%s must be a list, got %s' % (path, _kind(value))
    element = dict(spec, type=spec.get('elements', 'str'))
    element.pop('elements', None)
    return _first(shape_error(element, item, '%s[%d]' % (path, index)) if item is not None else '%s[%d] must not be null' % (path, index)
                  for index, item in enumerate(value))


def _first(problems: Iterator[Optional[str]]) -> Optional[str]:
    """The first problem found (the generator stops there)."""
    return next((p for p in problems if p), None)


HiddenValues = Callable[[Mapping[str, Any]], Iterable[str]]


class ZohoVaultModule(AnsibleModule):
    """AnsibleModule + connection options + ``.vault`` + error handling.

    ``hidden_values(params)`` names values no output may show although their option is not ``no_log`` as a whole
    (a sensitive custom field, a password inside raw data). They are registered from the raw arguments on, because
    a failed validation reports the invocation before any module code runs, and again once validated.
    """

    def __init__(self, argument_spec: Optional[Dict[str, Any]] = None, hidden_values: Optional[HiddenValues] = None,
                 **kwargs: Any) -> None:
        self._hidden_values = hidden_values
        spec = connection_argument_spec()
        spec.update(argument_spec or {})
        problem = None
        nested = [name for name, opt in spec.items() if opt.get('options')]
        raw = _load_params() if nested else None  # None where the module is only introspected (ansible-test sanity)
        if isinstance(raw, dict):
            for name in nested:
                problem = shape_error(spec[name], raw.get(name), name)
                if problem:
                    # Let Ansible accept the value as it is, so that the error below is ours and names the place.
                    spec[name] = {'type': 'raw', 'required': spec[name].get('required', False)}
                    break
        super().__init__(argument_spec=spec, **kwargs)
        if problem:
            self.fail_json(msg=problem)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        self._vault: Optional[Vault] = None
        self._connection_options: Optional[ConnectionOptions] = None

    def hide_values(self) -> None:
        params = getattr(self, 'params', None)
        if self._hidden_values is not None and isinstance(params, Mapping):
            self.no_log_values.update(str(v) for v in self._hidden_values(params) if v not in (None, ''))

    def _load_params(self) -> None:
        super()._load_params()
        self.hide_values()

    def _log_invocation(self) -> None:
        self.hide_values()
        super()._log_invocation()

    @property
    def connection_options(self) -> ConnectionOptions:
        if self._connection_options is None:
            try:
                self._connection_options = ConnectionOptions.from_module(self)
            except VaultError as err:
                self.fail_on_error(err)
        return self._connection_options

    @property
    def vault(self) -> Vault:
        """The Vault facade, built on first use (so that argument errors come first)."""
        if self._vault is None:
            options = self.connection_options
            try:
                self._vault = Vault(VaultClient(options, warn=self.warn))
            except VaultError as err:
                self.fail_on_error(err)
        return self._vault

    @property
    def client(self) -> VaultClient:
        return self.vault.client

    def fail_on_error(self, err: Exception, **result: Any) -> NoReturn:
        """``fail_json`` with the one-line message of ``err`` (no traceback, secrets masked)."""
        secrets = []
        if self._vault is not None:
            secrets = self._vault.client.secret_values()
        msg = redact(str(name_missing_scope(err)), secrets)
        extra = {}
        if isinstance(err, VaultError):
            extra = {k: v for k, v in (('status', err.status), ('zoho_code', err.code)) if v is not None}
            candidates = getattr(err, 'candidates', None)
            if candidates:
                extra['candidates'] = candidates
        extra.update(result)
        self.fail_json(msg=msg, **extra)
        # Not reached: fail_json exits. ansible-core ships no py.typed, so the checker cannot see its NoReturn.
        raise AssertionError('fail_json returned')

    @contextmanager
    def errors(self, **result: Any) -> Iterator[None]:
        """Turn any VaultError raised inside the block into ``fail_json``; ``result`` is merged in (e.g. ``changed``)."""
        try:
            yield
        except VaultError as err:
            self.fail_on_error(err, **result)
