# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What every zoho.vault lookup shares, written once.

``ZohoVaultLookupBase.run()``: reject a misplaced ``_terms=``, load the options (keywords,
variables, environment, ansible.cfg), open one ``LookupSession`` (one client, one token, the
agent) for all terms, let the plugin produce values term by term, apply the error policies
(``on_missing``, ``on_denied``, ``on_ambiguous``), and wrap the result unsafe.

``LookupSession`` is the lookups' vocabulary over the api layer: resolve ``name``, ``id`` and
``chamber/name`` references, read fields, passwords and searches, each through the
cross-process cache (``_lookup_cache.py``).

An evaluation answered by the agent is the common case (4,500 of them for 11 API calls at 300
hosts), so its path stays short: no connection options are validated, and neither the client,
``requests`` nor the options table are imported (the collection loader compiles every module from
source in every worker process); they are loaded on the first miss.

Error messages are ``<plugin>: <term>: <one-line VaultError>``: terms are names, not values,
and the client masks every secret it knows in what the server says.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any, Callable, Dict, List, Optional, Tuple

from ansible import constants as C
from ansible.errors import AnsibleError, AnsibleLookupError
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, PermissionDenied, VaultError
from ansible_collections.zoho.vault.plugins.module_utils._redact import SensitiveFields
from ansible_collections.zoho.vault.plugins.plugin_utils._agent import AgentUnavailable, agent_client, run_id
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup_cache import LookupCache, identity
from ansible_collections.zoho.vault.plugins.plugin_utils._definitions import preload, save

display = Display()

POLICIES = ('error', 'warn', 'skip')
AMBIGUOUS_POLICIES = ('error', 'warn', 'skip', 'first')

# field option → key of the secret object; anything else is a custom field.
BUILTIN_FIELDS = {
    'username': 'username', 'url': 'secreturl', 'secreturl': 'secreturl', 'notes': 'notes',
    'name': 'secretname', 'secretname': 'secretname', 'id': 'secretid', 'secretid': 'secretid',
    'type': 'secrettype', 'secrettype': 'secrettype', 'chamberid': 'chamberid', 'owner': 'owner',
}


def looks_like_id(name: str) -> bool:
    """The name rule's id test, imported on a miss only: importing the api package on every cache hit would cost
    each forked worker the compile of every resource class (the hit path stays lean, see guide_lookups)."""
    from ansible_collections.zoho.vault.plugins.module_utils._api._base import looks_like_id as rule  # pylint: disable=import-outside-toplevel
    return rule(name)


def split_reference(term: str, chamber: Optional[str]) -> Tuple[Optional[str], str, bool]:
    """(chamber reference, name, whether the chamber came from the term itself).

    With the ``chamber`` option the term is a plain name, slashes included; otherwise
    ``chamber/name`` splits at the first slash.
    """
    if chamber:
        return chamber, term, False
    if '/' in term:
        head, tail = term.split('/', 1)
        if head.strip() and tail.strip():
            return head.strip(), tail.strip(), True
    return None, term, False


def field_value(secret: Dict[str, Any], field: str) -> Any:
    """A built-in field or a custom field (exact name first, then case-insensitive); NotFound otherwise."""
    if field in BUILTIN_FIELDS:
        value = secret.get(BUILTIN_FIELDS[field])
        return '' if value is None else value
    custom = secret.get('customfields') or {}
    if field in custom:
        return custom[field]
    folded = {str(k).casefold(): v for k, v in custom.items()}
    if field.casefold() in folded:
        return folded[field.casefold()]
    raise NotFound('secret %r has no field %r (custom fields: %s)'
                   % (secret.get('secretname'), field, ', '.join(sorted(custom)) or 'none'),
                   hint='Use password, username, url, notes or the name of one of its custom fields')


def _id_order(candidate: Dict[str, Any]) -> Tuple[int, str]:
    text = str(candidate.get('id') or '')
    return len(text), text


class LookupSession:
    """One client and one cache for all the terms of one lookup call.

    The client is built on first use (``factory``): when every answer comes from the agent, the
    process never imports ``requests`` nor opens a connection.
    """

    def __init__(self, vault: Any = None, cache: Optional[LookupCache] = None, on_ambiguous: str = 'error',
                 factory: Optional[Callable[[], Any]] = None) -> None:
        self._vault = vault
        self._factory = factory
        self.cache = cache if cache is not None else LookupCache(None, '', '', 0, 0)
        self.on_ambiguous = on_ambiguous
        self._seen: List[str] = []

    @property
    def vault(self) -> Any:
        if self._vault is None:
            if self._factory is None:
                raise AnsibleLookupError('zoho.vault: this lookup session has neither a client nor a way to build one')
            self._vault = self._factory()
            self._teach(*self._seen)
        return self._vault

    @property
    def api_calls(self) -> int:
        if self._vault is None:
            return 0
        stats = getattr(self._vault.client, 'stats', None)
        return int(getattr(stats, 'calls', 0) or 0) + int(getattr(stats, 'token_calls', 0) or 0)

    def close(self) -> None:
        close = getattr(self._vault.client, 'close', None) if self._vault is not None else None
        if close is not None:
            close()

    def _teach(self, *values: str) -> None:
        add = getattr(self._vault.client, 'add_secret_values', None)
        if add is not None and values:
            add(*values)

    def remember_secret_value(self, value: Any) -> Any:
        # Values served from the agent were never seen by the client: teach its redaction
        # (now, or when the client is built), so that no later error message can quote them.
        if isinstance(value, str) and value:
            self._seen.append(value)
            if self._vault is not None:
                self._teach(value)
        return value

    # -- chambers and secrets ---------------------------------------------------------

    def chamber_id(self, reference: str) -> str:
        chamber = self.cache.fetch('chamber', [reference], lambda: self.vault.chambers.resolve(reference))
        return str(chamber.get('chamberid'))

    def secret_by_id(self, secret_id: str) -> Dict[str, Any]:
        return self.cache.fetch('secret_id', [secret_id], lambda: self.vault.secrets.get(secret_id))

    def _resolve(self, name: str, chamber_id: Optional[str]) -> Dict[str, Any]:
        first = self.on_ambiguous == 'first'

        def produce() -> Dict[str, Any]:
            try:
                return self.vault.secrets.resolve(name, chamber_id)
            except AmbiguousName as err:
                if not first or not err.candidates:
                    raise
                chosen = min(err.candidates, key=_id_order)  # the oldest: ids grow with time
                return self.vault.secrets.get(str(chosen.get('id')))

        return self.cache.fetch('resolve', [name, chamber_id, first], produce)

    def secret(self, term: str, chamber: Optional[str] = None, try_id: bool = True) -> Dict[str, Any]:
        """The secret a term names: an id, ``chamber/name``, or a name (in ``chamber`` when given)."""
        chamber_ref, name, from_term = split_reference(term, chamber)
        if chamber_ref is None and try_id and looks_like_id(name):
            try:
                return self.secret_by_id(name)
            except NotFound:
                pass  # a secret may be named with digits
        if chamber_ref is None:
            return self._resolve(name, None)
        try:
            chamber_id = self.chamber_id(chamber_ref)
        except NotFound:
            if from_term:
                # "a/b" with no chamber "a": the slash may be part of a secret's name.
                try:
                    return self._resolve(term, None)
                except NotFound:
                    pass
            raise
        return self._resolve(name, chamber_id)

    def password(self, secret_id: str) -> str:
        value = self.cache.fetch('password', [secret_id], lambda: self.vault.secrets.get_password(secret_id))
        return self.remember_secret_value(value)

    def password_of(self, term: str, chamber: Optional[str] = None) -> str:
        """The password a term names; an id term costs one call (no metadata needed)."""
        chamber_ref, name, _from_term = split_reference(term, chamber)
        if chamber_ref is None and looks_like_id(name):
            try:
                return self.password(name)
            except NotFound:
                pass
        secret = self.secret(term, chamber, try_id=False)
        return self.password(str(secret.get('secretid')))

    def previous_of(self, term: str, chamber: Optional[str], suffix: str) -> Tuple[str, str]:
        """(name, chamber) of the secret the rotate role keeps a term's previous value in: ``<name><suffix>`` beside it."""
        chamber_ref, name, _from_term = split_reference(term, chamber)
        if chamber_ref is not None:
            return name + suffix, chamber_ref
        found = self.secret(term)  # an id or a name: its own name and chamber say where the previous one is
        return str(found.get('secretname')) + suffix, str(found.get('chamberid'))

    def field(self, term: str, field: str, chamber: Optional[str] = None) -> Any:
        if field == 'password':
            return self.password_of(term, chamber)
        value = field_value(self.secret(term, chamber), field)
        return self.remember_secret_value(value) if field not in BUILTIN_FIELDS else value

    def search(self, params: Dict[str, Any]) -> List[Dict[str, Any]]:
        clean = {k: v for k, v in sorted(params.items()) if v not in (None, '')}
        return self.cache.fetch('search', [clean], lambda: self.vault.secrets.search(**clean))

    def generate(self, params: Dict[str, Any]) -> str:
        # Never cached: every evaluation is a new password (see the plugin's notes).
        return self.remember_secret_value(self.vault.generator.generate(**params))


class ZohoVaultLookupBase(LookupBase):
    """Base of the zoho.vault lookups: subclasses set ``PLUGIN`` and implement ``lookup()``."""

    PLUGIN = 'zoho.vault'
    HAS_POLICIES = True  # the plugin documents on_missing, on_denied and on_ambiguous
    TERM_OPTIONS: Tuple[str, ...] = ()  # the plugin's own options that shape the answer to a term
    _definitions_known = True  # whether this process found the option definitions saved (_definitions.py)
    # The last options Ansible resolved in this process: (what they were resolved from, options, origins).
    _resolved_options: Optional[Tuple[Any, Dict[str, Any], Dict[str, Any]]] = None
    _option_variables: Optional[List[str]] = None  # the variable names the plugin's options read

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # The plugin module is being imported: Ansible has not looked for its option definitions yet.
        super().__init_subclass__(**kwargs)
        cls._definitions_known = preload(cls.__module__, sys.modules[cls.__module__].DOCUMENTATION)

    # -- entry point ------------------------------------------------------------------

    def run(self, terms: List[Any], variables: Optional[Dict[str, Any]] = None, **kwargs: Any) -> List[Any]:
        self.reject_misplaced_terms(kwargs)
        self.set_options(var_options=self.template_own_variables(variables), direct=kwargs)
        if not type(self)._definitions_known:
            save(type(self).__module__, sys.modules[type(self).__module__].DOCUMENTATION)
            type(self)._definitions_known = True
        terms = self.check_terms(terms)
        try:
            session = self.open_session()
        except VaultError as err:
            raise AnsibleLookupError('%s: %s' % (self.PLUGIN, err)) from None
        try:
            values = self.lookup(session, terms)
        except AnsibleError:
            raise
        except VaultError as err:
            raise AnsibleLookupError('%s: %s' % (self.PLUGIN, err)) from None
        except Exception as exc:
            # The text of an unexpected exception could quote a value: name its type and, at -vvv,
            # where it happened (file, line and source of each frame, no variable values).
            display.vvv('%s: unexpected %s at:\n%s' % (self.PLUGIN, type(exc).__name__, ''.join(traceback.format_tb(exc.__traceback__))))
            raise AnsibleLookupError('%s: unexpected %s (rerun with -vvv to see where, and report it)'
                                     % (self.PLUGIN, type(exc).__name__)) from None
        finally:
            session.close()
        display.vvv('%s: %d term(s), %d API call(s) in this process; cache %s (hits %d, misses %d, direct %d)'
                    % (self.PLUGIN, len(terms), session.api_calls,
                       'on' if session.cache.active else 'off', session.cache.counters['hits'],
                       session.cache.counters['misses'], session.cache.counters['direct']))
        # Unsafe: a value containing "{{ ... }}" must come back as those characters, never templated.
        return wrap_var(values)

    def lookup(self, session: LookupSession, terms: List[str]) -> List[Any]:
        raise NotImplementedError

    # -- options and terms ------------------------------------------------------------

    def set_options(self, task_keys: Any = None, var_options: Any = None, direct: Any = None) -> None:
        """Ansible's resolution of the options, done once per process for the same keywords and variables.

        A worker evaluates several lookups for one host and task (five secrets, five calls), and each call
        resolves every option again through keywords, variables, environment and ansible.cfg (about 0.3 ms).
        Environment and ansible.cfg do not change within a process: the same keywords and the same values of
        the plugin's own variables give the same options.
        """
        cls = type(self)
        source = (task_keys, direct, self._own_variables(var_options))
        if cls._resolved_options is not None and cls._resolved_options[0] == source:
            self._options, self._origins = dict(cls._resolved_options[1]), dict(cls._resolved_options[2])
            return
        super().set_options(task_keys=task_keys, var_options=var_options, direct=direct)
        # ansible-core 2.16 keeps no origins.
        cls._resolved_options = (source, dict(self._options), dict(getattr(self, '_origins', None) or {}))

    def _own_variables(self, variables: Any) -> List[Tuple[str, Any]]:
        cls = type(self)
        if cls._option_variables is None:
            cls._option_variables = C.config.get_plugin_vars('lookup', self._load_name)
        if not variables:
            return []
        return [(name, variables[name]) for name in cls._option_variables if name in variables]

    def reject_misplaced_terms(self, kwargs: Dict[str, Any]) -> None:
        if '_terms' in kwargs:
            raise AnsibleLookupError(
                "%s: _terms is not a keyword: give the secrets as positional arguments, e.g. "
                "lookup('%s', 'Production Database', 'Staging/API key', field='username') "
                "or query('%s', *my_list)" % (self.PLUGIN, self.PLUGIN, self.PLUGIN))

    def check_terms(self, terms: Any) -> List[str]:
        out = []
        for term in terms or []:
            if not isinstance(term, str):
                raise AnsibleLookupError('%s: each term must be a string (a secret name, id or chamber/name), not %s'
                                         % (self.PLUGIN, type(term).__name__))
            text = to_text(term).strip()
            if not text:
                raise AnsibleLookupError('%s: an empty term was given' % self.PLUGIN)
            out.append(text)
        return out

    def template_own_variables(self, variables: Any) -> Any:
        """The variables, with this plugin's ``zoho_vault_*`` ones templated as any other variable use.

        Ansible hands a plugin its variables as written, so ``zoho_vault_client_secret: "{{ vaulted_secret }}"``
        would arrive as those characters, and ``zoho_vault_dialect: "{{ dialect }}"`` would fail the check of its
        choices. They are templated before Ansible checks types and choices. The templar leaves untrusted
        (unsafe) text alone, so a looked-up value is never templated here.
        """
        templar = getattr(self, '_templar', None)
        if templar is None or not variables:
            return variables
        templated = {name: templar.template(value) for name, value in self._own_variables(variables)
                     if isinstance(value, str) and ('{{' in value or '{%' in value)}
        if not templated:
            return variables
        merged = dict(variables)
        merged.update(templated)
        return merged

    def option(self, name: str, default: Any = None) -> Any:
        try:
            value = self.get_option(name)
        except KeyError:
            return default
        return default if value is None else value

    def conceal(self, secret: Dict[str, Any]) -> Dict[str, Any]:
        """A whole secret as a lookup returns it without passwords: its sensitive custom fields redacted.

        Done on every answer, after the cache, so that one cached secret serves lookups with and without passwords."""
        return SensitiveFields.named(self.option('sensitive_custom_fields')).conceal(secret) or secret

    # -- the session ------------------------------------------------------------------

    def open_session(self) -> LookupSession:
        cache = self.open_cache()
        return LookupSession(cache=cache, on_ambiguous=self.option('on_ambiguous', 'error'), factory=lambda: self.make_vault(cache))

    def make_vault(self, key_store: Any = None) -> Any:
        """The api layer over one client, for the first question the agent could not answer."""
        # pylint: disable=import-outside-toplevel
        from ansible_collections.zoho.vault.plugins.module_utils._api import Vault
        from ansible_collections.zoho.vault.plugins.module_utils._client import VaultClient
        from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions

        # key_store (zoho dialect): the run's cache holds the derived keys in the agent's memory, so forks derive once.
        return Vault(VaultClient(ConnectionOptions.from_getter(self.get_option), warn=display.warning), key_store=key_store)

    def open_cache(self) -> LookupCache:
        try:
            enabled = boolean(self.option('cache', True), strict=True)
            ttl = float(self.option('cache_ttl', 60))
            # A fork holding a lease may retry for this long; waiting forks give up after it.
            lease = min(600.0, float(self.option('timeout', 30)) * (int(self.option('retries', 5)) + 1) + 30.0)
        except (TypeError, ValueError):
            raise AnsibleLookupError('%s: cache must be a boolean, cache_ttl a number of seconds, timeout and retries '
                                     'numbers' % self.PLUGIN) from None
        if ttl < 0:
            raise AnsibleLookupError('%s: cache_ttl must be 0 or more seconds' % self.PLUGIN)
        agent = None
        if enabled and ttl > 0:
            try:
                agent = agent_client(self.option('cache_agent_dir') or None, idle=max(60.0, ttl + 30.0))
                agent.connect()
            except AgentUnavailable as exc:
                self._agent_unavailable(str(exc))
                agent = None
        return LookupCache(agent, identity(self.option), run_id(), ttl, lease, on_unavailable=self._agent_unavailable)

    def _agent_unavailable(self, reason: str) -> None:
        display.vvv('%s: lookup cache agent unavailable (%s); calling the API directly' % (self.PLUGIN, reason))

    # -- error policy -----------------------------------------------------------------

    def policy_for(self, err: VaultError) -> Tuple[str, str]:
        """(option name, policy) that governs an error; anything but the three answers is fatal."""
        if not self.HAS_POLICIES:
            return '', 'error'
        if isinstance(err, AmbiguousName):
            name = 'on_ambiguous'
        elif isinstance(err, NotFound):
            name = 'on_missing'
        elif isinstance(err, PermissionDenied):
            name = 'on_denied'
        else:
            return '', 'error'
        policy = self.option(name, 'error')
        if name == 'on_ambiguous' and policy == 'first':
            policy = 'error'  # 'first' is applied during resolution; reaching here means no candidate
        return name, policy

    def cached_term(self, session: LookupSession, term: str, produce: Callable[[str], Any],
                    secret: Callable[[Any], Any] = lambda value: None) -> Any:
        """``produce(term)`` shared as a whole: one agent round trip per evaluation on a hit.

        ``produce`` caches its own steps too (a name resolved for one field serves the others);
        ``secret`` picks what of the answer the client must learn to redact.
        """
        args = [self.PLUGIN, term, session.on_ambiguous] + [self.option(name) for name in self.TERM_OPTIONS]
        value = session.cache.fetch('term', args, lambda: produce(term))
        session.remember_secret_value(secret(value))
        return value

    def for_each_term(self, terms: List[str], produce: Callable[[str], Any]) -> List[Any]:
        """``produce(term)`` for each term, in order; policies decide what a failed term becomes."""
        results = []
        for term in terms:
            try:
                results.append(produce(term))
            except VaultError as err:
                self.handle_error(term, err)
        return results

    def handle_error(self, term: Optional[str], err: VaultError) -> None:
        """Raise, warn or stay silent per policy; a skipped term contributes nothing to the result."""
        name, policy = self.policy_for(err)
        subject = '%s: %r: ' % (self.PLUGIN, term) if term is not None else '%s: ' % self.PLUGIN
        message = subject + str(err)
        if policy == 'error':
            raise AnsibleLookupError(message) from None
        if policy == 'warn':
            display.warning('%s (skipped: %s=warn)' % (message, name))
