# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The api layer of the zoho dialect (production Zoho Vault), below the same ``Vault`` facade.

``attach(vault, client, key_store)`` gives a ``Vault`` the zoho dialect's resources: same class
names, same methods, same row shapes as the reference dialect's, so that the kinds, the
vault_state engine, the modules and the lookups do not know which dialect they speak.
"""

from __future__ import annotations

from typing import Any

from ansible_collections.zoho.vault.plugins.module_utils._api.raw import RefusedRaw
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.directory import Chambers, Groups, Users
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.refused import Audit, Emergency, Export, Generator
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.secrets import Secrets
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.session import ZohoSession
from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.shares import Shares

# The resources of the zoho dialect, by attribute of ``Vault`` (the same names as the reference dialect's).
RESOURCES = {'secrets': Secrets, 'chambers': Chambers, 'users': Users, 'groups': Groups, 'shares': Shares, 'audit': Audit,
             'emergency': Emergency, 'export': Export, 'generator': Generator, 'raw': RefusedRaw}

# What each dialect offers; the rest fails before any request (docs and plans can ask the same table).
CAPABILITIES = {
    'reference': frozenset(('secrets', 'secret_writes', 'shares', 'share_writes', 'transfer', 'chambers', 'chamber_writes', 'users',
                            'user_writes', 'groups', 'group_writes', 'audit', 'export', 'emergency', 'server_generator')),
    'zoho': frozenset(('secrets', 'secret_writes', 'shares', 'share_writes', 'chambers', 'users', 'groups')),
}


def attach(vault: Any, client: Any, key_store: Any = None) -> ZohoSession:
    """Give ``vault`` the zoho dialect's resources over ``client`` (whose codec is already the zoho one)."""
    session = ZohoSession(client, key_store)
    session.vault = vault
    vault.session = session
    vault.attach(RESOURCES, session)
    return session
