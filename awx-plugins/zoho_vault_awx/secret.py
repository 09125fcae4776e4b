# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Zoho Vault secret lookup: a field of a secret, for any AWX credential field, fetched at job launch.

The secret and the field are named as the ``zoho.vault.password`` lookup names them (an id, ``chamber/name`` or
a name; ``password``, ``username``, ``url``, ``notes`` or a custom field), and resolved by the same code
(``LookupSession.field``) in both dialects. The access token comes from this process's memory (``_tokens``).
"""

from __future__ import annotations

from typing import Any

from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup import LookupSession

from zoho_vault_awx._common import ACCOUNTS_FIELDS, REQUIRED, VAULT_FIELDS, CredentialPlugin, ZohoVaultError, connection_options, errors, field
from zoho_vault_awx._tokens import REGISTRY

METADATA = [
    field('secret', 'Secret', 'The secret: its name, chamber/name (a name in a chamber), or its id.'),
    field('chamber', 'Chamber', 'Optional. The chamber (folder) to look the name up in, by name or id; the secret name may '
          'then contain slashes.'),
    field('field', 'Field', 'password (the default), username, url, notes, or the name of one of the secret\'s custom fields.',
          default='password'),
]


def lookup(**kwargs: Any) -> str:
    """AWX calls this with the source credential's inputs and the metadata of the linked field."""
    term = str(kwargs.get('secret') or '').strip()
    if not term:
        raise ZohoVaultError('secret is required: the name, chamber/name or id of the secret to read')
    wanted = str(kwargs.get('field') or 'password').strip()
    known: list = []
    with errors(kwargs, lambda: known):
        options = connection_options(kwargs)
        client = VaultClient(options, token_provider=REGISTRY.provider(options))
        try:
            value = LookupSession(vault=Vault(client)).field(term, wanted, str(kwargs.get('chamber') or '').strip() or None)
        finally:
            known.extend(client.secret_values())
            client.close()
    return '' if value is None else str(value)


zoho_vault_secret_plugin = CredentialPlugin(
    name='Zoho Vault Secret Lookup',
    inputs={'fields': ACCOUNTS_FIELDS + VAULT_FIELDS, 'metadata': METADATA, 'required': REQUIRED + ['secret']},
    backend=lookup,
    plugin_description='A field of a Zoho Vault secret (password, username, notes or a custom field), read at job launch.',
)
