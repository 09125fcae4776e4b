# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ``zohovault`` provider: its configuration is the collection's connection option table."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Type

from tf import iface, schema, types

from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
from ansible_collections.zoho.vault.plugins.module_utils._options import OPTIONS, ConnectionOptions, env_name

from terraform_provider_zohovault import data_sources, resources
from terraform_provider_zohovault.common import known
from terraform_provider_zohovault.session import Session

SOURCE = 'terraform.local/zoho/zohovault'
TYPES = {'str': types.String, 'path': types.String, 'bool': types.Bool, 'int': types.Number}


def _attribute(name: str, spec: Dict[str, Any]) -> schema.Attribute:
    kind = types.List(types.String()) if spec['type'] == 'list' else TYPES[spec['type']]()
    about = 'Or the environment variable `%s`.' % env_name(name)
    if spec.get('choices'):
        about += ' One of %s.' % ', '.join('`%s`' % c for c in spec['choices'])
    if spec.get('default') is not None:
        about += ' Default `%s`.' % str(spec['default']).lower()
    return schema.Attribute(name, kind, description=about, optional=True, sensitive=bool(spec.get('no_log')))


class ZohoVaultProvider(iface.Provider):
    def __init__(self) -> None:
        self.session: Optional[Session] = None

    def get_model_prefix(self) -> str:
        return 'zohovault_'

    def full_name(self) -> str:
        return SOURCE

    def get_provider_schema(self, diags: Any) -> schema.Schema:
        return schema.Schema(version=1, attributes=[_attribute(name, spec) for name, spec in OPTIONS.items()])

    @staticmethod
    def options(config: Dict[str, Any]) -> ConnectionOptions:
        """Arguments first, then ``ZOHO_VAULT_*`` environment variables, then the collection's defaults."""
        given = {k: v for k, v in (config or {}).items() if k in OPTIONS and known(v)}
        return ConnectionOptions.from_env(overrides=given)

    def validate_config(self, diags: Any, config: Dict[str, Any]) -> None:
        """Nothing here: credentials may come from the environment of a later command (checked when configured)."""

    def configure_provider(self, diags: Any, config: Dict[str, Any]) -> None:
        try:
            options = self.options(config)
            session = Session.from_options(options)
        except VaultError as err:
            diags.add_error(str(err), '')
            return
        if options.token_cache and options.uses_refresh_token:
            # A wrong credential fails here, before any plan, and costs nothing when the shared cache holds a token.
            try:
                session.vault.client.token_provider.token()
            except VaultError as err:
                diags.add_error(session.message(err), '')
                return
        self.session = session

    def get_data_sources(self) -> List[Type[iface.DataSource]]:
        return list(data_sources.ALL)

    def get_resources(self) -> List[Type[iface.Resource]]:
        return list(resources.ALL)
