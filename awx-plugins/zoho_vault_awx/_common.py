# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What both plugins share: the plugin shape, the source credential's fields, options and errors."""

from __future__ import annotations

import typing
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping

from ansible_collections.zoho.vault.plugins.module_utils._api.scopes import name_missing_scope
from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
from ansible_collections.zoho.vault.plugins.module_utils._options import DATA_CENTERS, DIALECTS, OPTIONS, ConnectionOptions
from ansible_collections.zoho.vault.plugins.module_utils._redact import redact_text

try:
    # AWX ships awx-plugins-core; its tuple is what AWX's own plugins are made of.
    from awx_plugins.credentials.plugin import CredentialPlugin
except ImportError:  # AWX reads only name, inputs and backend: a tuple of the same shape serves elsewhere.
    class CredentialPlugin(typing.NamedTuple):  # type: ignore[no-redef]
        name: str
        inputs: Dict[str, Any]
        backend: Any
        plugin_description: str = ''


__all__ = ['ACCOUNTS_FIELDS', 'REQUIRED', 'VAULT_FIELDS', 'CredentialPlugin', 'ZohoVaultError', 'connection_options', 'errors',
           'field', 'one_line', 'secret_inputs']


class ZohoVaultError(RuntimeError):
    """What AWX shows when a plugin fails: the collection's one-line message, secrets masked."""


def field(field_id: str, label: str, help_text: str, **extra: Any) -> Dict[str, Any]:
    return dict({'id': field_id, 'label': label, 'type': 'string', 'help_text': help_text}, **extra)


# Field ids are those of the collection's credential type (extensions/awx), so a credential reads the same in both.
ACCOUNTS_FIELDS: List[Dict[str, Any]] = [
    field('data_center', 'Data center', 'The Zoho data center of the account (com is accounts.zoho.com and vault.zoho.com). '
          'Ignored for a URL given below.', choices=list(DATA_CENTERS), default='com'),
    field('accounts_url', 'Accounts URL', 'Optional. Base URL of the Zoho accounts (OAuth) server, overriding the data '
          'center, for example https://accounts.zoho.eu.'),
    field('client_id', 'Client ID', 'The client id of the self client or server-based client registered in the Zoho API console.'),
    field('client_secret', 'Client secret', 'The client secret of that client.', secret=True),
    field('refresh_token', 'Refresh token', 'The refresh token minted for that client (it does not expire).', secret=True),
    {'id': 'skip_tls_verify', 'label': 'Skip TLS certificate verification', 'type': 'boolean', 'default': False,
     'help_text': 'Do not verify the servers\' TLS certificates. For testing only.'},
]
VAULT_FIELDS: List[Dict[str, Any]] = [
    field('api_url', 'Vault API URL', 'Optional. Base URL of the Zoho Vault API, overriding the data center: the vault host '
          'for the zoho dialect (for example https://vault.zoho.eu), or the JSON API root of a reference server.'),
    field('dialect', 'API dialect', 'zoho is production Zoho Vault (zero-knowledge: secrets are decrypted by this plugin with '
          'the master password or key below); reference is the simplified reference API of the bundled emulator. auto picks '
          'zoho when no Vault API URL is given or it names a Zoho vault host.', choices=list(DIALECTS), default='auto'),
    field('master_password', 'Master password', 'For the zoho dialect: the Zoho Vault master password (passphrase) of the '
          'account. It is checked locally and never sent. Leave empty when you give the master key.', secret=True),
    field('master_key', 'Master key', 'For the zoho dialect, instead of the master password: the derived master key '
          '(32 hexadecimal characters).', secret=True),
]
REQUIRED = ['data_center', 'client_id', 'client_secret', 'refresh_token']
# The options a source credential may set; everything else AWX passes (metadata) is the plugin's own.
SOURCE_OPTIONS = ('data_center', 'accounts_url', 'client_id', 'client_secret', 'refresh_token', 'api_url', 'dialect',
                  'master_password', 'master_key')


def connection_options(kwargs: Mapping[str, Any]) -> ConnectionOptions:
    """The collection's options from what AWX passes (the source credential's inputs merged with the metadata).

    AWX leaves out inputs never set and passes empty strings for cleared ones: both mean unset. The token
    cache on disk is off: a control plane keeps tokens in its memory only (see ``_tokens``).
    """
    values: Dict[str, Any] = {name: kwargs.get(name) or None for name in SOURCE_OPTIONS}
    values['validate_certs'] = not kwargs.get('skip_tls_verify')
    values['token_cache'] = False
    return ConnectionOptions.from_values(values)


def secret_inputs(kwargs: Mapping[str, Any]) -> List[str]:
    """The values of the secret options AWX passed, whatever the options became (for masking)."""
    return [str(kwargs[name]) for name, spec in OPTIONS.items() if spec.get('no_log') and kwargs.get(name)]


def one_line(err: Exception, secrets: Iterable[str]) -> str:
    """The message the modules fail with, for the same error."""
    return redact_text(str(name_missing_scope(err)), list(secrets))


@contextmanager
def errors(kwargs: Mapping[str, Any], known: Callable[[], Iterable[str]] = tuple) -> Iterator[None]:
    """Turn the collection's errors into ``ZohoVaultError`` with its one-line message.

    ``from None``: AWX logs the traceback of a failed lookup; a chained one could show request data.
    """
    try:
        yield
    except VaultError as err:
        raise ZohoVaultError(one_line(err, secret_inputs(kwargs) + list(known()))) from None
