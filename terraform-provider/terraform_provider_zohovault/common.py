# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What every resource and data source shares: the provider's session, values between Terraform and the API."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple

from tf import iface
from tf.types import Unknown

from ansible_collections.zoho.vault.plugins.module_utils._api._base import fold
from ansible_collections.zoho.vault.plugins.module_utils._errors import ConfigError, ValidationError

from terraform_provider_zohovault.session import Session, run


def known(value: Any) -> bool:
    return value is not None and value is not Unknown


def text(api_value: Any, prior: Any) -> Optional[str]:
    """An API string as Terraform keeps it: an empty one is null unless the configuration says ``""``."""
    if api_value in (None, ''):
        return '' if prior == '' else None
    return str(api_value)


def mapping(api_value: Any, prior: Any) -> Optional[Dict[str, str]]:
    """An API mapping as Terraform keeps it: an empty one is null unless the configuration says ``{}``."""
    if not api_value:
        return {} if prior == {} else None
    return {str(k): '' if v is None else str(v) for k, v in api_value.items()}


def emails(api_values: Iterable[str], prior: Any) -> Optional[List[str]]:
    """E-mail addresses (compared case-insensitively by the vault) spelled as the configuration spells them."""
    spelled = {fold(e): e for e in (prior or []) if isinstance(e, str)}
    values = sorted((spelled.get(fold(e), e) for e in api_values), key=fold)
    if not values:
        return [] if prior == [] else None
    return values


def respelled(api_key: str, prior_keys: Iterable[str]) -> str:
    """A name or e-mail key as the configuration spells it (the vault compares them case-insensitively)."""
    return next((k for k in prior_keys if fold(k) == fold(api_key)), api_key)


def check_choice(name: str, value: Any, choices: Tuple[str, ...]) -> None:
    if known(value) and value not in choices:
        raise ValidationError('%s must be one of %s, got %r' % (name, ', '.join(choices), value))


def split_import_id(given: str, what: str) -> Tuple[Optional[str], str]:
    """``chamber/name`` → (chamber, name); ``name`` → (None, name)."""
    given = given.strip()
    if not given:
        raise ValidationError('give the %s id or name to import' % what)
    if '/' in given:
        chamber, name = given.split('/', 1)
        return chamber.strip() or None, name.strip()
    return None, given


class Base:
    """The provider a resource or data source belongs to, and its session."""

    def __init__(self, provider: Any) -> None:
        self.provider = provider

    @property
    def session(self) -> Session:
        """The configured session (``call`` reports an unconfigured provider before any action asks for it)."""
        if self.provider.session is None:
            raise ConfigError('the zohovault provider is not configured')
        return self.provider.session

    def call(self, ctx: Any, action: Any, fallback: Any = None) -> Any:
        return run(ctx, self.provider.session, action, fallback)


class Checked(Base):
    """Validation by ``check(config)``: a ValidationError becomes an error diagnostic (resources and data sources alike)."""

    def check(self, config: Dict[str, Any]) -> None:
        """Override: raise ValidationError for a configuration that cannot work."""

    def validate(self, diags: Any, type_name: str, config: Dict[str, Any]) -> None:
        super().validate(diags, type_name, config)  # the tf interface's own validation (next in the MRO)
        try:
            self.check(config)
        except ValidationError as err:
            diags.add_error(str(err), '')


class ResourceBase(Checked, iface.Resource):
    """Base of the provider's resources."""


class DataSourceBase(Checked, iface.DataSource):
    """Base of the provider's data sources."""
