# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The api layer: ``Vault(client)`` with one attribute per resource."""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional

from ansible_collections.zoho.vault.plugins.module_utils._api.audit import Audit
from ansible_collections.zoho.vault.plugins.module_utils._api.chambers import Chambers
from ansible_collections.zoho.vault.plugins.module_utils._api.emergency import Emergency
from ansible_collections.zoho.vault.plugins.module_utils._api.export import Export
from ansible_collections.zoho.vault.plugins.module_utils._api.generator import Generator
from ansible_collections.zoho.vault.plugins.module_utils._api.groups import Groups
from ansible_collections.zoho.vault.plugins.module_utils._api.raw import Raw
from ansible_collections.zoho.vault.plugins.module_utils._api.secrets import Secrets
from ansible_collections.zoho.vault.plugins.module_utils._api.shares import Shares
from ansible_collections.zoho.vault.plugins.module_utils._api.users import Users

# The resources of the reference dialect, by attribute of ``Vault``.
RESOURCES = {'secrets': Secrets, 'chambers': Chambers, 'users': Users, 'groups': Groups, 'shares': Shares, 'audit': Audit,
             'emergency': Emergency, 'export': Export, 'generator': Generator, 'raw': Raw}

__all__ = ['Vault', 'Audit', 'Chambers', 'Emergency', 'Export', 'Generator', 'Groups', 'Raw', 'Secrets', 'Shares', 'Users']


class Vault:
    """Facade over one ``VaultClient``: ``vault.secrets.resolve('db')``, ``vault.chambers.list()``, ..."""

    def __init__(self, client: Any, key_store: Any = None) -> None:
        """``key_store`` (zoho dialect): where derived keys may be shared for the run (the lookups' agent cache)."""
        self.client = client
        self.dialect = getattr(getattr(client, 'options', None), 'dialect', 'reference')
        if self.dialect == 'zoho':
            # The production dialect brings its own wire format and resources, with the same interface.
            from ansible_collections.zoho.vault.plugins.module_utils._api_zoho import attach
            from ansible_collections.zoho.vault.plugins.module_utils._api_zoho.codec import ZohoCodec
            client.codec = ZohoCodec()
            attach(self, client, key_store)
            return
        self.attach(RESOURCES, client)

    def attach(self, resources: Dict[str, Any], backend: Any) -> None:
        """One attribute per resource, each class built over ``backend`` (the client, or the zoho dialect's session)."""
        for name, cls in resources.items():
            setattr(self, name, cls(backend))

    @classmethod
    def from_options(cls, options: Any, warn: Optional[Callable[[str], None]] = None, key_store: Any = None,
                     **client_kwargs: Any) -> Vault:
        from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
        return cls(VaultClient(options, warn=warn, **client_kwargs), key_store=key_store)

    def write_refusal(self, change: Any) -> Optional[Any]:
        """The error a planned ``Change`` would meet in this dialect, or None: plans ask before anything is
        written, so that check mode never shows a write the apply would refuse."""
        session = getattr(self, 'session', None)
        if change is None or self.dialect != 'zoho' or session is None:
            return None
        return session.write_refusal(change.kind, change.action, change.field_names)

    def supports(self, capability: str) -> bool:
        """Whether this dialect offers ``capability`` (``emergency``, ``audit``, ``chamber_writes``...: see ``_api_zoho.CAPABILITIES``)."""
        from ansible_collections.zoho.vault.plugins.module_utils._api_zoho import CAPABILITIES
        return capability in CAPABILITIES.get(self.dialect, CAPABILITIES['reference'])

    @property
    def stats(self) -> Any:
        return self.client.stats
