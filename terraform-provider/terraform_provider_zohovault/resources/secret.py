# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``zohovault_secret``: planned and written by the collection's ``SecretState`` (the zoho.vault.secret module's rules)."""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from tf.schema import Attribute, Schema
from tf.types import Bool, Map, Number, String, Unknown

from ansible_collections.zoho.vault.plugins.module_utils._api._base import looks_like_id, same_name
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.fields import SECRET_TYPES
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SecretState

from terraform_provider_zohovault.common import ResourceBase, check_choice, known, mapping, split_import_id, text


def secret_state(obj: Dict[str, Any], prior: Dict[str, Any], password: Any) -> Dict[str, Any]:
    """A secret of the API as the resource's state (``password`` is never read back by a refresh)."""
    owner = obj.get('owner')
    if known(prior.get('owner')) and same_name(prior.get('owner'), owner):
        owner = prior['owner']
    return {
        'id': str(obj['secretid']),
        'name': obj.get('secretname'),
        'chamber_id': None if obj.get('chamberid') is None else str(obj['chamberid']),
        'url': text(obj.get('secreturl'), prior.get('url')),
        'username': text(obj.get('username'), prior.get('username')),
        'notes': text(obj.get('notes'), prior.get('notes')),
        'password': password,
        'secret_type': obj.get('secrettype') or 'Login',
        'custom_fields': mapping(obj.get('customfields'), prior.get('custom_fields')),
        'owner': owner,
    }


def resource_state(obj: Dict[str, Any], prior: Dict[str, Any], password: Any) -> Dict[str, Any]:
    """``secret_state`` plus the resource's own settings of a generated password, as configured."""
    state = secret_state(obj, prior, password)
    state['generate_password'] = prior.get('generate_password') is True
    for name in ('password_length', 'password_version'):
        state[name] = prior.get(name) if known(prior.get(name)) else None
    return state


def resolve_secret(vault: Any, given: str) -> Dict[str, Any]:
    """A secret by id, or by ``chamber/name`` (chamber by name or id), or by a name unique among visible secrets."""
    chamber, name = split_import_id(given, 'secret')
    if chamber is None and looks_like_id(name):
        try:
            return vault.secrets.get(name)
        except NotFound:
            pass  # a secret may be named with digits
    chamber_id = str(vault.chambers.resolve(chamber)['chamberid']) if chamber else None
    return vault.secrets.resolve(name, chamber_id)


class Secret(ResourceBase):

    @classmethod
    def get_name(cls) -> str:
        return 'secret'

    @classmethod
    def get_schema(cls) -> Schema:
        return Schema(version=1, description='A secret of Zoho Vault.', attributes=[
            Attribute('id', String(), computed=True, description='The secret id.'),
            Attribute('name', String(), required=True, description='Name of the secret (unique within its chamber).'),
            Attribute('chamber_id', String(), optional=True,
                      description='Id of the chamber holding it (e.g. `zohovault_chamber.x.id`); changing it moves the secret.'),
            Attribute('url', String(), optional=True, description='URL of the secret.'),
            Attribute('username', String(), optional=True, description='User name.'),
            Attribute('notes', String(), optional=True, description='Notes.'),
            Attribute('password', String(), optional=True, computed=True, sensitive=True,
                      description='The password. Written when it changes in the configuration; not read back by a refresh. '
                                  'With `generate_password`, the generated password (in the state, for other resources).'),
            Attribute('generate_password', Bool(), optional=True, computed=True, default=False,
                      description="Have Zoho Vault's generator make the password when the secret is created "
                                  '(conflicts with `password`).'),
            Attribute('password_length', Number(), optional=True,
                      description='Length of a generated password, 8 to 128 (the generator defaults to 12).'),
            Attribute('password_version', String(), optional=True,
                      description='With `generate_password`: changing it generates a new password in place '
                                  '(same secret, id and shares), a rotation.'),
            Attribute('secret_type', String(), optional=True, computed=True, default='Login',
                      description='One of %s. Default `Login`.' % ', '.join('`%s`' % t for t in SECRET_TYPES)),
            Attribute('custom_fields', Map(String()), optional=True,
                      description='Custom fields, exactly: fields not listed are removed.'),
            Attribute('owner', String(), optional=True, computed=True,
                      description='E-mail address of the owner; setting it transfers ownership.'),
        ])

    def check(self, config: Dict[str, Any]) -> None:
        check_choice('secret_type', config.get('secret_type'), SECRET_TYPES)
        if config.get('name') == '':
            raise ValidationError('name must not be empty')
        generate = config.get('generate_password') is True
        if generate and config.get('password') is not None:
            raise ValidationError('password and generate_password are mutually exclusive: set one of them')
        length = config.get('password_length')
        if known(length) and not (8 <= length <= 128 and int(length) == length):
            raise ValidationError('password_length must be a whole number from 8 to 128, got %s' % length)
        if not generate and (known(length) or known(config.get('password_version'))):
            raise ValidationError('password_length and password_version need generate_password = true')

    @staticmethod
    def spec(planned: Dict[str, Any], secret_id: Optional[str] = None, password_changed: bool = True,
             regenerate: bool = False) -> Dict[str, Any]:
        """The zoho.vault.secret module's options for the planned state: every attribute exact (null = empty)."""
        generate = planned.get('generate_password') is True
        password = planned.get('password') if known(planned.get('password')) else None
        length = planned.get('password_length')
        return {
            'secret_id': secret_id, 'name': planned['name'], 'chamber': planned.get('chamber_id'),
            'url': planned.get('url') or '', 'username': planned.get('username') or '', 'notes': planned.get('notes') or '',
            'password': None if generate else password,
            'generate_password': generate and (secret_id is None or regenerate), 'regenerate_password': regenerate,
            'password_policy': {'length': int(length)} if known(length) else None,
            'update_password': 'always' if password_changed or regenerate else 'on_create',
            'custom_fields': planned.get('custom_fields') or {}, 'purge_custom_fields': True,
            'secret_type': planned.get('secret_type') if known(planned.get('secret_type')) else None,
            'owner': planned.get('owner') if known(planned.get('owner')) else None,
        }

    def _write(self, before: Optional[Dict[str, Any]], spec: Dict[str, Any]) -> Tuple[Optional[Dict[str, Any]], Optional[str]]:
        """The secret after the writes, and the password written (a generated one included; None if untouched)."""
        kind = SecretState(self.session.vault)
        with self.session.calls():
            desired = kind.desired(spec)
            after = kind.apply(kind.plan(before, desired, spec), before, desired, spec)
        self.session.record('secret', before, after)
        return after, getattr(kind, 'password_written', None)

    def create(self, ctx: Any, planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            after, written = self._write(None, self.spec(planned))
            return resource_state(after or {}, planned, written)
        return self.call(ctx, action)

    def read(self, ctx: Any, current: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Optional[Dict[str, Any]]:
            obj = self.session.by_id('secret', current['id'], self.session.vault.secrets.get)
            return None if obj is None else resource_state(obj, current, current.get('password'))
        return self.call(ctx, action, current)

    def plan(self, ctx: Any, current: Optional[Dict[str, Any]], planned: Dict[str, Any]) -> Dict[str, Any]:
        if current and current.get('chamber_id') and planned.get('chamber_id') is None:
            ctx.diagnostics.add_error('secret %r cannot leave its chamber (the vault refuses it); move it to another chamber, '
                                      'or remove it from the state and create a new one' % current.get('name'), '', path=['chamber_id'])
        if current and self.rotates(current, planned):
            planned['password'] = Unknown
        return planned

    @staticmethod
    def rotates(current: Dict[str, Any], planned: Dict[str, Any]) -> bool:
        """A generated password whose ``password_version`` changed: a new one is generated in place.

        Switching an existing secret (or an imported one) to ``generate_password`` adopts its password.
        """
        return (planned.get('generate_password') is True and current.get('generate_password') is True
                and planned.get('password_version') != current.get('password_version'))

    def update(self, ctx: Any, current: Dict[str, Any], planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            before = self.session.by_id('secret', current['id'], self.session.vault.secrets.get)
            if before is None:
                raise NotFound('secret %s (id %s) no longer exists; run terraform apply again to create it' % (current['name'], current['id']))
            regenerate = self.rotates(current, planned)
            changed = not regenerate and known(planned.get('password')) and planned.get('password') != current.get('password')
            after, written = self._write(before, self.spec(planned, str(current['id']), changed, regenerate))
            kept = planned.get('password') if known(planned.get('password')) else current.get('password')
            return resource_state(after or before, planned, written if written is not None else kept)
        return self.call(ctx, action, current)

    def delete(self, ctx: Any, current: Dict[str, Any]) -> None:
        def action() -> None:
            with self.session.calls():
                try:
                    self.session.vault.secrets.delete(str(current['id']))
                except NotFound:
                    pass  # gone already: what destroy wants
            self.session.record('secret', {'secretid': str(current['id'])}, None)
        self.call(ctx, action)

    def import_(self, ctx: Any, id: str) -> Optional[Dict[str, Any]]:  # pylint: disable=redefined-builtin
        def action() -> Dict[str, Any]:
            with self.session.calls():
                obj = resolve_secret(self.session.vault, id)
                # The one audited password read of an import: without it the next plan would rewrite the password.
                password = self.session.vault.secrets.get_password(str(obj['secretid']))
            return resource_state(obj, {}, password or None)
        return self.call(ctx, action)
