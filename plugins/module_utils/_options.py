# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one schema of the connection and auth options.

``OPTIONS`` is the single table. From it come the module argument spec
(``connection_argument_spec()``) and the resolved, validated ``ConnectionOptions``
for modules (``from_module``) and plugins (``from_getter``, the option adapter).
``plugins/doc_fragments/connection.py`` documents the same table; a unit test keeps
them in agreement.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from ansible.module_utils.basic import env_fallback
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.module_utils.six.moves.urllib.parse import unquote, urlsplit

from ansible_collections.zoho.vault.plugins.module_utils._errors import ConfigError

ENV_PREFIX = 'ZOHO_VAULT_'
INI_SECTION = 'zoho_vault'
VAR_PREFIX = 'zoho_vault_'

# data_center → (accounts host, vault host). Zoho's Canadian data center uses its own domain.
DATA_CENTERS = {
    'com': ('accounts.zoho.com', 'vault.zoho.com'),
    'eu': ('accounts.zoho.eu', 'vault.zoho.eu'),
    'in': ('accounts.zoho.in', 'vault.zoho.in'),
    'com.au': ('accounts.zoho.com.au', 'vault.zoho.com.au'),
    'jp': ('accounts.zoho.jp', 'vault.zoho.jp'),
    'zohocloud.ca': ('accounts.zohocloud.ca', 'vault.zohocloud.ca'),
    'sa': ('accounts.zoho.sa', 'vault.zoho.sa'),
    'uk': ('accounts.zoho.uk', 'vault.zoho.uk'),
    'com.cn': ('accounts.zoho.com.cn', 'vault.zoho.com.cn'),
}
API_PATH = '/api/json'
DIALECTS = ('auto', 'reference', 'zoho')
# The paths a user may have appended to a Zoho vault host; the zoho dialect's api_url is the host itself.
ZOHO_API_PATHS = ('/api/rest/json/v1', '/api/json')

DEFAULT_TIMEOUT = 30
DEFAULT_RETRIES = 5

# The single option table. Keys per option:
#   type (argspec/doc type), default, choices, no_log (bool, always explicit), elements (lists).
OPTIONS = {
    # connection
    'data_center': {'type': 'str', 'default': 'com', 'choices': list(DATA_CENTERS), 'no_log': False},
    'api_url': {'type': 'str', 'no_log': False},
    'accounts_url': {'type': 'str', 'no_log': False},
    'validate_certs': {'type': 'bool', 'default': True, 'no_log': False},
    'ca_path': {'type': 'path', 'no_log': False},
    'timeout': {'type': 'int', 'default': DEFAULT_TIMEOUT, 'no_log': False},
    'retries': {'type': 'int', 'default': DEFAULT_RETRIES, 'no_log': False},
    'retry_action': {'type': 'str', 'default': 'warn', 'choices': ['warn', 'ignore'], 'no_log': False},
    # no_log: a proxy URL may carry a password (http://user:password@host:port).
    'proxy': {'type': 'str', 'no_log': True},
    'allow_http': {'type': 'bool', 'default': False, 'no_log': False},
    # auth
    'access_token': {'type': 'str', 'no_log': True},
    'client_id': {'type': 'str', 'no_log': False},
    'client_secret': {'type': 'str', 'no_log': True},
    'refresh_token': {'type': 'str', 'no_log': True},
    'scopes': {'type': 'list', 'elements': 'str', 'no_log': False},
    'token_cache': {'type': 'bool', 'default': True, 'no_log': False},
    'token_cache_dir': {'type': 'path', 'no_log': False},
    # dialect (production Zoho Vault: zero-knowledge, its own API)
    'dialect': {'type': 'str', 'default': 'auto', 'choices': list(DIALECTS), 'no_log': False},
    'master_password': {'type': 'str', 'no_log': True},
    'master_key': {'type': 'str', 'no_log': True},
    'zoho_preview_writes': {'type': 'bool', 'default': False, 'no_log': False},
    # redaction: custom fields whose values are shown like passwords (never, unless passwords are asked for)
    'sensitive_custom_fields': {'type': 'list', 'elements': 'str', 'no_log': False},
}

SECRET_OPTIONS = tuple(name for name, spec in OPTIONS.items() if spec.get('no_log'))


def env_name(option: str) -> str:
    """``api_url`` → ``ZOHO_VAULT_API_URL``."""
    return ENV_PREFIX + option.upper()


def connection_argument_spec() -> Dict[str, Dict[str, Any]]:
    """The argument spec of the shared options for ``AnsibleModule`` (a fresh copy each call)."""
    spec = {}
    for name, item in OPTIONS.items():
        entry = dict(item)
        entry['fallback'] = (env_fallback, [env_name(name)])
        spec[name] = entry
    return spec


def default_token_cache_dir(environ: Optional[Mapping[str, str]] = None) -> str:
    environ = os.environ if environ is None else environ
    base = environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'zoho.vault', 'tokens')


def is_loopback_host(host: Optional[str]) -> bool:
    if not host:
        return False
    host = host.strip('[]').lower()
    if host == 'localhost' or host.endswith('.localhost'):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_zoho_vault_host(host: Optional[str]) -> bool:
    """Whether ``host`` is one of the production Zoho Vault hosts of the data-center table."""
    return bool(host) and str(host).lower() in {vault for _accounts, vault in DATA_CENTERS.values()}


def pick_dialect(dialect: Optional[str], api_url: Optional[str]) -> str:
    """``auto``: zoho when api_url is unset (only a data center is named) or names a Zoho vault host;
    reference elsewhere (the bundled emulator, a reference server)."""
    dialect = dialect or 'auto'
    if dialect != 'auto':
        return dialect
    if not api_url:
        return 'zoho'
    return 'zoho' if is_zoho_vault_host(urlsplit(api_url.strip()).hostname) else 'reference'


def api_url_of(dialect: str, api_url: Optional[str], vault_host: str) -> str:
    """The reference dialect's API root, or the zoho dialect's vault base (the client appends the paths)."""
    if dialect != 'zoho':
        return (api_url or 'https://%s%s' % (vault_host, API_PATH)).strip().rstrip('/')
    url = (api_url or 'https://%s' % vault_host).strip().rstrip('/')
    if is_zoho_vault_host(urlsplit(url).hostname):
        for suffix in ZOHO_API_PATHS:
            if url.endswith(suffix):
                return url[:-len(suffix)]
    return url


def _coerce(name: str, value: Any) -> Any:
    """Convert a raw value (e.g. a string from the environment) to the option's type."""
    if value is None:
        return None
    kind = OPTIONS[name]['type']
    try:
        if kind == 'bool':
            return boolean(value, strict=True)
        if kind == 'int':
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
        if kind == 'list':
            if isinstance(value, str):
                return [v.strip() for v in value.split(',') if v.strip()]
            return [str(v) for v in value]
        if kind == 'path':
            return os.path.expanduser(os.path.expandvars(str(value)))
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError('option %s: %r is not a valid %s' % (name, value if name not in SECRET_OPTIONS else '***', kind)) from None


@dataclass
class ConnectionOptions:
    """Resolved and validated connection/auth settings (what the client needs, nothing else)."""

    api_url: str
    accounts_url: str
    data_center: str = 'com'
    validate_certs: bool = True
    ca_path: Optional[str] = None
    timeout: int = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    retry_action: str = 'warn'
    proxy: Optional[str] = field(default=None, repr=False)
    allow_http: bool = False
    access_token: Optional[str] = field(default=None, repr=False)
    client_id: Optional[str] = None
    client_secret: Optional[str] = field(default=None, repr=False)
    refresh_token: Optional[str] = field(default=None, repr=False)
    scopes: Tuple[str, ...] = ()
    token_cache: bool = True
    token_cache_dir: Optional[str] = None
    dialect: str = 'reference'
    master_password: Optional[str] = field(default=None, repr=False)
    master_key: Optional[str] = field(default=None, repr=False)
    zoho_preview_writes: bool = False
    sensitive_custom_fields: Tuple[str, ...] = ()

    # -- construction ------------------------------------------------------------------

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ConnectionOptions:
        """Build from a mapping option name → value (``None`` = unset); defaults from the table; validates."""
        raw = {}
        for name, spec in OPTIONS.items():
            value = values.get(name)
            if value is None:
                value = spec.get('default')
            raw[name] = _coerce(name, value)
        return cls._build(raw)

    @classmethod
    def from_module(cls, module: Any) -> ConnectionOptions:
        """From ``AnsibleModule.params`` (env fallbacks and module_defaults already applied by Ansible)."""
        return cls.from_values(module.params)

    @classmethod
    def from_getter(cls, get_option: Callable[[str], Any]) -> ConnectionOptions:
        """The option adapter for plugins: ``get_option`` maps an option name to its value.

        Lookups pass ``self.get_option``; Ansible has already applied term keywords, variables,
        environment, ansible.cfg and defaults. Options the plugin does not declare count as unset.
        """
        values = {}
        for name in OPTIONS:
            try:
                values[name] = get_option(name)
            except KeyError:
                values[name] = None
        return cls.from_values(values)

    @classmethod
    def from_env(cls, overrides: Optional[Mapping[str, Any]] = None, environ: Optional[Mapping[str, str]] = None) -> ConnectionOptions:
        """``overrides`` first, then ``ZOHO_VAULT_*`` environment variables, then defaults (scripts, tests)."""
        environ = os.environ if environ is None else environ
        overrides = overrides or {}
        values = {}
        for name in OPTIONS:
            value = overrides.get(name)
            if value is None:
                value = environ.get(env_name(name)) or None
            values[name] = value
        return cls.from_values(values)

    @classmethod
    def _build(cls, raw: Dict[str, Any]) -> ConnectionOptions:
        data_center = raw['data_center']
        if data_center not in DATA_CENTERS:
            raise ConfigError('data_center must be one of %s, not %r' % (', '.join(DATA_CENTERS), data_center))
        accounts_host, vault_host = DATA_CENTERS[data_center]
        dialect = pick_dialect(raw['dialect'], raw['api_url'])
        api_url = api_url_of(dialect, raw['api_url'], vault_host)
        accounts_url = (raw['accounts_url'] or 'https://%s' % accounts_host).strip().rstrip('/')
        opts = cls(
            api_url=api_url,
            accounts_url=accounts_url,
            data_center=data_center,
            validate_certs=raw['validate_certs'],
            ca_path=raw['ca_path'] or None,
            timeout=raw['timeout'],
            retries=raw['retries'],
            retry_action=raw['retry_action'],
            proxy=raw['proxy'] or None,
            allow_http=raw['allow_http'],
            access_token=raw['access_token'] or None,
            client_id=raw['client_id'] or None,
            client_secret=raw['client_secret'] or None,
            refresh_token=raw['refresh_token'] or None,
            scopes=tuple(sorted(set(raw['scopes'] or ()))),
            token_cache=raw['token_cache'],
            token_cache_dir=raw['token_cache_dir'] or default_token_cache_dir(),
            dialect=dialect,
            master_password=raw['master_password'] or None,
            master_key=raw['master_key'] or None,
            zoho_preview_writes=raw['zoho_preview_writes'],
            sensitive_custom_fields=tuple(raw['sensitive_custom_fields'] or ()),
        )
        opts.validate()
        return opts

    # -- validation --------------------------------------------------------------------

    def validate(self) -> None:
        self._validate_dialect()
        refresh = {'client_id': self.client_id, 'client_secret': self.client_secret, 'refresh_token': self.refresh_token}
        given = [k for k, v in refresh.items() if v]
        missing = [k for k, v in refresh.items() if not v]
        if self.access_token and given and missing:
            raise ConfigError('with access_token, give all of client_id, client_secret and refresh_token (to mint a new token '
                              'when it expires) or none of them (missing: %s; given: %s)' % (', '.join(missing), ', '.join(given)))
        if not self.access_token and missing:
            raise ConfigError('set either access_token or client_id, client_secret and refresh_token (missing: %s; '
                              'each can also come from ZOHO_VAULT_<OPTION> environment variables)' % ', '.join(missing))
        for name in ('api_url', 'accounts_url'):
            self._check_url(name, getattr(self, name))
        if self.proxy:
            parts = urlsplit(self.proxy)
            if parts.scheme not in ('http', 'https', 'socks5', 'socks5h') or not parts.hostname:
                raise ConfigError('proxy must be a URL such as http://proxy.example.com:3128')
        if self.timeout <= 0:
            raise ConfigError('timeout must be a positive number of seconds, not %s' % self.timeout)
        if self.retries < 0:
            raise ConfigError('retries must be 0 or more, not %s' % self.retries)
        if self.retry_action not in ('warn', 'ignore'):
            raise ConfigError('retry_action must be warn or ignore, not %r' % self.retry_action)
        if self.ca_path and not os.path.exists(self.ca_path):
            raise ConfigError('ca_path %s does not exist' % self.ca_path)

    def _validate_dialect(self) -> None:
        if self.dialect not in DIALECTS[1:]:
            raise ConfigError('dialect must be one of %s, not %r' % (', '.join(DIALECTS), self.dialect))
        if self.master_password and self.master_key:
            raise ConfigError('set either master_password or master_key, not both')
        if self.dialect == 'reference' and (self.master_password or self.master_key):
            raise ConfigError('master_password and master_key belong to the zoho dialect, but api_url %s speaks the reference '
                              'dialect; set dialect=zoho if it is a production Zoho Vault' % self.api_url)
        if self.master_key and (len(self.master_key) != 32 or any(c not in '0123456789abcdefABCDEF' for c in self.master_key)):
            raise ConfigError('master_key must be the 32 hexadecimal characters of the derived master key')

    def _check_url(self, name: str, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ('https', 'http') or not parts.hostname:
            raise ConfigError('%s must be an https:// URL, not %r' % (name, url))
        if parts.username or parts.password:
            raise ConfigError('%s must not contain credentials' % name)
        if parts.scheme == 'http' and not self.allow_http and not is_loopback_host(parts.hostname):
            raise ConfigError('%s uses plain http:// to %s, which would expose tokens; use https://, a loopback address, '
                              'or set allow_http=true if you really mean it' % (name, parts.hostname))

    # -- helpers -----------------------------------------------------------------------

    @property
    def uses_refresh_token(self) -> bool:
        """Whether new access tokens can be minted (an ``access_token`` given as well is used first)."""
        return bool(self.client_id and self.client_secret and self.refresh_token)

    @property
    def verify(self) -> Any:
        """The ``verify`` argument of requests."""
        if not self.validate_certs:
            return False
        return self.ca_path or True

    def secret_values(self) -> List[str]:
        values = [v for v in (self.access_token, self.client_secret, self.refresh_token, self.master_password, self.master_key) if v]
        if self.proxy:
            password = urlsplit(self.proxy).password
            if password:
                values.extend([password, unquote(password)])
        return values

    def as_dict(self) -> Dict[str, Any]:
        """All fields, secrets masked (for debugging output)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = '********' if f.name in SECRET_OPTIONS and value else value
        return out
