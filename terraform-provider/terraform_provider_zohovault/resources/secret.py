# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``zohovault_secret``: planned and written by the collection's ``SecretState`` (the zoho.vault.secret module's rules)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from tf.schema import Attribute, Schema
from tf.types import Map, String

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
            Attribute('password', String(), optional=True, sensitive=True,
                      description='The password. Written when it changes in the configuration; not read back by a refresh.'),
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

    @staticmethod
    def spec(planned: Dict[str, Any], secret_id: Optional[str] = None, password_changed: bool = True) -> Dict[str, Any]:
        """The zoho.vault.secret module's options for the planned state: every attribute exact (null = empty)."""
        return {
            'secret_id': secret_id, 'name': planned['name'], 'chamber': planned.get('chamber_id'),
            'url': planned.get('url') or '', 'username': planned.get('username') or '', 'notes': planned.get('notes') or '',
            'password': planned.get('password'), 'update_password': 'always' if password_changed else 'on_create',
            'custom_fields': planned.get('custom_fields') or {}, 'purge_custom_fields': True,
            'secret_type': planned.get('secret_type') if known(planned.get('secret_type')) else None,
            'owner': planned.get('owner') if known(planned.get('owner')) else None,
        }

    def _write(self, before: Optional[Dict[str, Any]], spec: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        kind = SecretState(self.session.vault)
        with self.session.calls():
            desired = kind.desired(spec)
            after = kind.apply(kind.plan(before, desired, spec), before, desired, spec)
        self.session.record('secret', before, after)
        return after

    def create(self, ctx: Any, planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            after = self._write(None, self.spec(planned))
            return secret_state(after or {}, planned, planned.get('password'))
        return self.call(ctx, action)

    def read(self, ctx: Any, current: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Optional[Dict[str, Any]]:
            obj = self.session.by_id('secret', current['id'], self.session.vault.secrets.get)
            return None if obj is None else secret_state(obj, current, current.get('password'))
        return self.call(ctx, action, current)

    def plan(self, ctx: Any, current: Optional[Dict[str, Any]], planned: Dict[str, Any]) -> Dict[str, Any]:
        if current and current.get('chamber_id') and planned.get('chamber_id') is None:
            ctx.diagnostics.add_error('secret %r cannot leave its chamber (the vault refuses it); move it to another chamber, '
                                      'or remove it from the state and create a new one' % current.get('name'), '', path=['chamber_id'])
        return planned

    def update(self, ctx: Any, current: Dict[str, Any], planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            before = self.session.by_id('secret', current['id'], self.session.vault.secrets.get)
            if before is None:
                raise NotFound('secret %s (id %s) no longer exists; run terraform apply again to create it' % (current['name'], current['id']))
            changed = planned.get('password') != current.get('password')
            after = self._write(before, self.spec(planned, str(current['id']), changed))
            return secret_state(after or before, planned, planned.get('password'))
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
            return secret_state(obj, {}, password or None)
        return self.call(ctx, action)
