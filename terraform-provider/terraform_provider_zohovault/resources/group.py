# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``zohovault_group``: planned and written by the collection's ``GroupState`` (members exactly, purged)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from tf.schema import Attribute, Schema
from tf.types import Set, String

from ansible_collections.zoho.vault.plugins.module_utils._api._base import looks_like_id
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._kinds.group import GroupState

from terraform_provider_zohovault.common import ResourceBase, emails, text


def group_state(obj: Dict[str, Any], prior: Dict[str, Any]) -> Dict[str, Any]:
    return {
        'id': str(obj['groupid']),
        'name': obj.get('groupname'),
        'description': text(obj.get('description'), prior.get('description')),
        'members': emails(obj.get('members') or [], prior.get('members')),
    }


class Group(ResourceBase):

    @classmethod
    def get_name(cls) -> str:
        return 'group'

    @classmethod
    def get_schema(cls) -> Schema:
        return Schema(version=1, description='A group of Zoho Vault users.', attributes=[
            Attribute('id', String(), computed=True, description='The group id.'),
            Attribute('name', String(), required=True, description='Name (group names need not be unique; the id tells them apart).'),
            Attribute('description', String(), optional=True, description='Description.'),
            Attribute('members', Set(String()), optional=True,
                      description='E-mail addresses of the members, exactly: others are removed.'),
        ])

    def check(self, config: Dict[str, Any]) -> None:
        if config.get('name') == '':
            raise ValidationError('name must not be empty')

    @staticmethod
    def spec(planned: Dict[str, Any]) -> Dict[str, Any]:
        return {'name': planned['name'], 'description': planned.get('description') or '',
                'members': list(planned.get('members') or []), 'purge_members': True}

    def _write(self, before: Optional[Dict[str, Any]], planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        kind = GroupState(self.session.vault)
        spec = self.spec(planned)
        groups = self.session.vault.groups
        with self.session.calls():
            desired = kind.desired(spec)
            after = kind.apply(kind.plan(before, desired, spec), before, desired, spec)
            if before is not None:
                if before.get('groupname') != desired['groupname']:
                    # GroupState keys groups on the name; a Terraform group keeps its id, so a new name is an update.
                    groups.update(str(before['groupid']), {'groupname': desired['groupname']})
                after = groups.get(str(before['groupid']))  # member calls answer with less than the group
        self.session.record('group', before, after)
        return after

    def create(self, ctx: Any, planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        return self.call(ctx, lambda: group_state(self._write(None, planned) or {}, planned))

    def read(self, ctx: Any, current: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Optional[Dict[str, Any]]:
            obj = self.session.by_id('group', current['id'], self.session.vault.groups.get)
            return None if obj is None else group_state(obj, current)
        return self.call(ctx, action, current)

    def update(self, ctx: Any, current: Dict[str, Any], planned: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        def action() -> Dict[str, Any]:
            before = self.session.by_id('group', current['id'], self.session.vault.groups.get)
            if before is None:
                raise NotFound('group %s (id %s) no longer exists; run terraform apply again to create it' % (current['name'], current['id']))
            return group_state(self._write(before, planned) or before, planned)
        return self.call(ctx, action, current)

    def delete(self, ctx: Any, current: Dict[str, Any]) -> None:
        def action() -> None:
            with self.session.calls():
                try:
                    self.session.vault.groups.delete(str(current['id']))
                except NotFound:
                    pass  # gone already
            self.session.record('group', {'groupid': str(current['id'])}, None)
        self.call(ctx, action)

    def import_(self, ctx: Any, id: str) -> Optional[Dict[str, Any]]:  # pylint: disable=redefined-builtin
        def action() -> Dict[str, Any]:
            given = id.strip()
            with self.session.calls():
                obj = self.session.vault.groups.get(given) if looks_like_id(given) else self.session.vault.groups.resolve(given)
            return group_state(obj, {})
        return self.call(ctx, action)
