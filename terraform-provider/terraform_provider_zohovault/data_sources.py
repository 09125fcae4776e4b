# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The provider's data sources: one object by id or name (from the per-process snapshot), or a secret search."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from tf.schema import Attribute, Schema
from tf.types import List as TfList
from tf.types import Map, Set, String

from ansible_collections.zoho.vault.plugins.module_utils._api._base import describe, named, pick_one
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.fields import SECRET_TYPES

from terraform_provider_zohovault.common import DataSourceBase, check_choice, known
from terraform_provider_zohovault.session import Session
from terraform_provider_zohovault.resources.chamber import chamber_state
from terraform_provider_zohovault.resources.group import group_state
from terraform_provider_zohovault.resources.secret import secret_state
from terraform_provider_zohovault.resources.user import user_state

ID_FIELD = {'secret': 'secretid', 'chamber': 'chamberid', 'user': 'userid', 'group': 'groupid'}
NAME_FIELD = {'secret': 'secretname', 'chamber': 'chambername', 'user': 'emailid', 'group': 'groupname'}


def one(session: Session, kind: str, object_id: Any, name: Any, pool: Optional[List[Dict[str, Any]]] = None,
        where: str = '') -> Dict[str, Any]:
    """The one object of ``kind`` with ``object_id``, else named ``name``; NotFound or AmbiguousName otherwise."""
    pool = session.objects(kind) if pool is None else pool
    if known(object_id):
        found = [obj for obj in pool if str(obj.get(ID_FIELD[kind])) == str(object_id)]
        if not found:
            raise NotFound('no %s with id %s is visible to this user' % (kind, object_id))
        return found[0]
    if not known(name):
        raise ValidationError('give id or %s of the %s' % ('email' if kind == 'user' else 'name', kind))
    return pick_one(kind, name, named(pool, NAME_FIELD[kind], name), describe(kind), where, hint='Give the id to choose one')


def _needs_id_or(name: str):
    def check(self: Any, config: Dict[str, Any]) -> None:
        if config.get('id') is None and config.get(name) is None:
            raise ValidationError('give id or %s' % name)
    return check


class SecretData(DataSourceBase):

    @classmethod
    def get_name(cls) -> str:
        return 'secret'

    @classmethod
    def get_schema(cls) -> Schema:
        return Schema(version=1, description='One secret, with its password (sensitive; reading it is audited as "Password Viewed").',
                      attributes=[
                          Attribute('id', String(), optional=True, computed=True, description='Secret id (or give name).'),
                          Attribute('name', String(), optional=True, computed=True, description='Secret name (case-insensitive).'),
                          Attribute('chamber_id', String(), optional=True, computed=True, description='Look in this chamber only.'),
                          Attribute('url', String(), computed=True),
                          Attribute('username', String(), computed=True),
                          Attribute('notes', String(), computed=True),
                          Attribute('secret_type', String(), computed=True),
                          Attribute('custom_fields', Map(String()), computed=True),
                          Attribute('owner', String(), computed=True),
                          Attribute('password', String(), computed=True, sensitive=True, description='The password.'),
                      ])

    check = _needs_id_or('name')

    def read(self, ctx: Any, config: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            session = self.session
            pool = session.objects('secret')
            chamber_id = config.get('chamber_id')
            if known(chamber_id):
                pool = [s for s in pool if str(s.get('chamberid')) == str(chamber_id)]
            obj = one(session, 'secret', config.get('id'), config.get('name'), pool,
                      ' in chamber %s' % chamber_id if known(chamber_id) else '')
            with session.calls():
                password = session.vault.secrets.get_password(str(obj['secretid']))
            state = secret_state(obj, {}, password)
            return dict(state, custom_fields=state['custom_fields'] or {})
        return self.call(ctx, action)


class SecretsData(DataSourceBase):
    """The reference's search (``GET /secrets/search``): one call, whatever the number of matches."""

    FILTERS = (('search_text', 'searchtext'), ('secret_type', 'secrettype'), ('chamber_id', 'chamberid'),
               ('username', 'username'), ('url', 'secreturl'))

    @classmethod
    def get_name(cls) -> str:
        return 'secrets'

    @classmethod
    def get_schema(cls) -> Schema:
        row = 'id, name, chamber_id, url, username, secret_type, owner'
        return Schema(version=1, description='Secrets matching the search filters (no passwords).', attributes=[
            Attribute('search_text', String(), optional=True, description='Case-insensitive part of the name, URL, user name or notes.'),
            Attribute('secret_type', String(), optional=True, description='Exactly this type.'),
            Attribute('chamber_id', String(), optional=True, description='Only in this chamber.'),
            Attribute('username', String(), optional=True, description='Case-insensitive part of the user name.'),
            Attribute('url', String(), optional=True, description='Case-insensitive part of the URL.'),
            Attribute('ids', TfList(String()), computed=True, description='Ids of the matches, in the vault\'s order.'),
            Attribute('secrets', TfList(Map(String())), computed=True, description='The matches, each a map of %s.' % row),
        ])

    def check(self, config: Dict[str, Any]) -> None:
        check_choice('secret_type', config.get('secret_type'), SECRET_TYPES)

    @staticmethod
    def row(obj: Dict[str, Any]) -> Dict[str, str]:
        values = {'id': obj.get('secretid'), 'name': obj.get('secretname'), 'chamber_id': obj.get('chamberid'), 'url': obj.get('secreturl'),
                  'username': obj.get('username'), 'secret_type': obj.get('secrettype'), 'owner': obj.get('owner')}
        return {k: '' if v is None else str(v) for k, v in values.items()}

    def read(self, ctx: Any, config: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            filters = {api: config.get(name) for name, api in self.FILTERS if known(config.get(name))}
            with self.session.calls():
                found = self.session.vault.secrets.search(**filters)
            rows = [self.row(s) for s in found]
            return dict({name: config.get(name) for name, _api in self.FILTERS}, ids=[r['id'] for r in rows], secrets=rows)
        return self.call(ctx, action)


class ChamberData(DataSourceBase):

    @classmethod
    def get_name(cls) -> str:
        return 'chamber'

    @classmethod
    def get_schema(cls) -> Schema:
        return Schema(version=1, description='One chamber, by id or name.', attributes=[
            Attribute('id', String(), optional=True, computed=True),
            Attribute('name', String(), optional=True, computed=True),
            Attribute('chamber_type', String(), computed=True),
            Attribute('description', String(), computed=True),
            Attribute('owner', String(), computed=True),
        ])

    check = _needs_id_or('name')

    def read(self, ctx: Any, config: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            state = chamber_state(one(self.session, 'chamber', config.get('id'), config.get('name')), {'description': ''})
            del state['force_destroy']
            return state
        return self.call(ctx, action)


class UserData(DataSourceBase):

    @classmethod
    def get_name(cls) -> str:
        return 'user'

    @classmethod
    def get_schema(cls) -> Schema:
        return Schema(version=1, description='One user, by id or e-mail address.', attributes=[
            Attribute('id', String(), optional=True, computed=True),
            Attribute('email', String(), optional=True, computed=True),
            Attribute('role', String(), computed=True),
            Attribute('first_name', String(), computed=True),
            Attribute('last_name', String(), computed=True),
        ])

    check = _needs_id_or('email')

    def read(self, ctx: Any, config: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            return user_state(one(self.session, 'user', config.get('id'), config.get('email')), {'first_name': '', 'last_name': ''})
        return self.call(ctx, action)


class GroupData(DataSourceBase):

    @classmethod
    def get_name(cls) -> str:
        return 'group'

    @classmethod
    def get_schema(cls) -> Schema:
        return Schema(version=1, description='One group, by id or name, with its members.', attributes=[
            Attribute('id', String(), optional=True, computed=True),
            Attribute('name', String(), optional=True, computed=True),
            Attribute('description', String(), computed=True),
            Attribute('members', Set(String()), computed=True),
        ])

    check = _needs_id_or('name')

    def read(self, ctx: Any, config: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            return group_state(one(self.session, 'group', config.get('id'), config.get('name')), {'description': '', 'members': []})
        return self.call(ctx, action)


ALL = (SecretData, SecretsData, ChamberData, UserData, GroupData)
