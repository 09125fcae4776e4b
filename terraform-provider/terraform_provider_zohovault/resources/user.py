# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``zohovault_user``: planned and written by the collection's ``UserState``; a changed e-mail address is renamed in place."""

from __future__ import annotations

from typing import Any, Dict, Optional

from tf.schema import Attribute, Schema
from tf.types import String

from ansible_collections.zoho.vault.plugins.module_utils._api._base import looks_like_id, same_name
from ansible_collections.zoho.vault.plugins.module_utils._changes import Change, FieldChange
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound
from ansible_collections.zoho.vault.plugins.module_utils._kinds.fields import ROLES
from ansible_collections.zoho.vault.plugins.module_utils._kinds.user import UserState

from terraform_provider_zohovault.common import ResourceBase, check_choice, known, text


def user_state(obj: Dict[str, Any], prior: Dict[str, Any]) -> Dict[str, Any]:
    email = obj.get('emailid')
    if known(prior.get('email')) and same_name(prior.get('email'), email):
        email = prior['email']  # the vault compares addresses case-insensitively
    return {
        'id': str(obj['userid']),
        'email': email,
        'role': obj.get('role') or 'User',
        'first_name': text(obj.get('firstname'), prior.get('first_name')),
        'last_name': text(obj.get('lastname'), prior.get('last_name')),
    }


class User(ResourceBase):

    @classmethod
    def get_name(cls) -> str:
        return 'user'

    @classmethod
    def get_schema(cls) -> Schema:
        return Schema(version=1, description='A user of Zoho Vault.', attributes=[
            Attribute('id', String(), computed=True, description='The user id.'),
            Attribute('email', String(), required=True, description='E-mail address; a change renames the user in place.'),
            Attribute('role', String(), optional=True, computed=True, default='User',
                      description='One of %s. Default `User`.' % ', '.join('`%s`' % r for r in ROLES)),
            Attribute('first_name', String(), optional=True, description='First name.'),
            Attribute('last_name', String(), optional=True, description='Last name.'),
        ])

    def check(self, config: Dict[str, Any]) -> None:
        check_choice('role', config.get('role'), ROLES)

    @staticmethod
    def spec(planned: Dict[str, Any]) -> Dict[str, Any]:
        return {'email': planned['email'], 'first_name': planned.get('first_name') or '', 'last_name': planned.get('last_name') or '',
                'role': planned.get('role') if known(planned.get('role')) else None}

    def _write(self, before: Optional[Dict[str, Any]], planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        kind = UserState(self.session.vault)
        spec = self.spec(planned)
        with self.session.calls():
            desired = kind.desired(spec)
            change = kind.plan(before, desired, spec)
            if before is not None and not same_name(before.get('emailid'), desired['emailid']):
                # UserState keys users on the address; a Terraform user keeps its id, so a new address is a rename.
                rename = FieldChange('emailid', before.get('emailid'), desired['emailid'])
                change = Change('update', 'user', desired['emailid'], fields=(change.fields if change else []) + [rename],
                                reason='renamed', object_id=before['userid'])
            after = kind.apply(change, before, desired, spec)
        self.session.record('user', before, after)
        return after

    def create(self, ctx: Any, planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        return self.call(ctx, lambda: user_state(self._write(None, planned) or {}, planned))

    def read(self, ctx: Any, current: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Optional[Dict[str, Any]]:
            obj = self.session.by_id('user', current['id'], self.session.vault.users.get)
            return None if obj is None else user_state(obj, current)
        return self.call(ctx, action, current)

    def update(self, ctx: Any, current: Dict[str, Any], planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            before = self.session.by_id('user', current['id'], self.session.vault.users.get)
            if before is None:
                raise NotFound('user %s (id %s) no longer exists; run terraform apply again to create it' % (current['email'], current['id']))
            return user_state(self._write(before, planned) or before, planned)
        return self.call(ctx, action, current)

    def delete(self, ctx: Any, current: Dict[str, Any]) -> None:
        def action() -> None:
            with self.session.calls():
                try:
                    self.session.vault.users.delete(str(current['id']))
                except NotFound:
                    pass  # gone already
            self.session.record('user', {'userid': str(current['id'])}, None)
        self.call(ctx, action)

    def import_(self, ctx: Any, id: str) -> Optional[Dict[str, Any]]:  # pylint: disable=redefined-builtin
        def action() -> Dict[str, Any]:
            given = id.strip()
            with self.session.calls():
                obj = self.session.vault.users.get(given) if looks_like_id(given) else self.session.vault.users.resolve(given)
            return user_state(obj, {})
        return self.call(ctx, action)
