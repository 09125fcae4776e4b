# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Zoho Vault access token: one token per lifetime, minted by the control plane and handed to every job.

Link the access token field of the collection's *Zoho Vault* credential type to a credential of this plugin:
each job then gets ``ZOHO_VAULT_ACCESS_TOKEN`` and mints nothing, however many jobs run. The token handed out
has at least the credential's minimum lifetime left; a job that outlives it mints its own only when its credential
also holds the refresh token (the collection then uses the handed token first).
"""

from __future__ import annotations

from typing import Any

from zoho_vault_awx._common import ACCOUNTS_FIELDS, REQUIRED, CredentialPlugin, ZohoVaultError, connection_options, errors, field
from zoho_vault_awx._tokens import REGISTRY

DEFAULT_MIN_LIFETIME = 15  # minutes: a token lives 60, so one mint every 45 minutes
MAX_MIN_LIFETIME = 50

FIELDS = ACCOUNTS_FIELDS + [
    field('min_lifetime', 'Minimum lifetime (minutes)', 'A job is handed a token with at least this many minutes left: '
          'the length of most jobs this credential serves (a longer one mints its own if its credential holds the refresh '
          'token). A token lives 60 minutes: 15 means one mint every 45 minutes. At most %d.' % MAX_MIN_LIFETIME,
          default=str(DEFAULT_MIN_LIFETIME)),
]
# AWX's UI expects metadata when a field is linked; this plugin needs none (as AWX's own github_app plugin).
METADATA = [field('description', 'Description (optional)', 'Not used by the plugin.')]


def min_lifetime(kwargs: Any) -> float:
    """The minimum lifetime in seconds, from the credential's minutes."""
    given = str(kwargs.get('min_lifetime') or DEFAULT_MIN_LIFETIME).strip()
    try:
        minutes = float(given)
    except ValueError:
        minutes = -1.0
    if not 0 <= minutes <= MAX_MIN_LIFETIME:
        raise ZohoVaultError('min_lifetime must be a number of minutes from 0 to %d, not %r' % (MAX_MIN_LIFETIME, given))
    return minutes * 60.0


def access_token(**kwargs: Any) -> str:
    """AWX calls this with the source credential's inputs and the metadata of the linked field."""
    seconds = min_lifetime(kwargs)
    provider = None
    with errors(kwargs, lambda: provider.secret_values() if provider is not None else ()):
        provider = REGISTRY.provider(connection_options(kwargs))
        return provider.token_lasting(seconds)


zoho_vault_token_plugin = CredentialPlugin(
    name='Zoho Vault Access Token',
    inputs={'fields': FIELDS, 'metadata': METADATA, 'required': REQUIRED},
    backend=access_token,
    plugin_description='An access token minted by the control plane once per lifetime and shared by every job.',
)
