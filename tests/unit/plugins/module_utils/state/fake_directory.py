# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An in-memory stand-in for the Vault facade (chambers, users, groups) that records every write."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import itertools

from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound, PermissionDenied, ValidationError

_ids = itertools.count(100000000000000001)


def new_id():
    return str(next(_ids))


class _Resource(object):
    def __init__(self, vault):
        self.vault = vault


class FakeChambers(_Resource):
    def list(self):
        self.vault.reads.append(('chambers.list',))
        return [dict(c) for c in self.vault.chambers.values()]

    def get(self, chamber_id):
        self.vault.reads.append(('chambers.get', chamber_id))
        if chamber_id not in self.vault.chambers:
            raise NotFound('chamber %s does not exist' % chamber_id, status=404, code=7004)
        return dict(self.vault.chambers[chamber_id])

    def secrets(self, chamber_id):
        self.vault.reads.append(('chambers.secrets', chamber_id))
        if self.vault.deny_secret_listing:
            raise PermissionDenied('the access token lacks the ZohoVault.secrets.READ scope', status=403, code=7003)
        return [dict(s) for s in self.vault.secrets if s['chamberid'] == chamber_id]

    def create(self, data):
        self.vault.writes.append(('chambers.create', dict(data)))
        chamber = {'chamberid': new_id(), 'chambertype': 'Custom', 'description': '', 'owner': self.vault.me}
        chamber.update(data)
        self.vault.chambers[chamber['chamberid']] = chamber
        return dict(chamber)

    def update(self, chamber_id, data):
        self.vault.writes.append(('chambers.update', chamber_id, dict(data)))
        self.vault.chambers[chamber_id].update(data)
        return dict(self.vault.chambers[chamber_id])

    def delete(self, chamber_id, force=False):
        self.vault.writes.append(('chambers.delete', chamber_id, force))
        del self.vault.chambers[chamber_id]
        return {}


class FakeUsers(_Resource):
    def list(self):
        self.vault.reads.append(('users.list',))
        return [dict(u) for u in self.vault.users.values()]

    def get(self, user_id):
        self.vault.reads.append(('users.get', user_id))
        if user_id not in self.vault.users:
            raise NotFound('user %s does not exist' % user_id, status=404, code=7004)
        return dict(self.vault.users[user_id])

    def current(self):
        return dict(next(u for u in self.vault.users.values() if u['emailid'] == self.vault.me))

    def create(self, data):
        self.vault.writes.append(('users.create', dict(data)))
        user = {'userid': new_id(), 'role': 'User', 'firstname': '', 'lastname': ''}
        user.update(data)
        self.vault.users[user['userid']] = user
        return dict(user)

    def update(self, user_id, data):
        self.vault.writes.append(('users.update', user_id, dict(data)))
        self.vault.users[user_id].update(data)
        return dict(self.vault.users[user_id])

    def delete(self, user_id):
        self.vault.writes.append(('users.delete', user_id))
        del self.vault.users[user_id]
        return {}


class FakeGroups(_Resource):
    def list(self):
        self.vault.reads.append(('groups.list',))
        return [dict(g, members=list(g['members'])) for g in self.vault.groups.values()]

    def get(self, group_id):
        self.vault.reads.append(('groups.get', group_id))
        if group_id not in self.vault.groups:
            raise NotFound('group %s does not exist' % group_id, status=404, code=7004)
        return dict(self.vault.groups[group_id], members=list(self.vault.groups[group_id]['members']))

    def create(self, data):
        self.vault.writes.append(('groups.create', dict(data)))
        group = {'groupid': new_id(), 'description': '', 'members': []}
        group.update(data)
        self.vault.groups[group['groupid']] = group
        return dict(group)

    def update(self, group_id, data):
        self.vault.writes.append(('groups.update', group_id, dict(data)))
        self.vault.groups[group_id].update(data)
        return dict(self.vault.groups[group_id])

    def delete(self, group_id):
        self.vault.writes.append(('groups.delete', group_id))
        del self.vault.groups[group_id]
        return {}

    def add_members(self, group_id, emails):
        self.vault.writes.append(('groups.add_members', group_id, list(emails)))
        self.vault.groups[group_id]['members'] += list(emails)
        return dict(self.vault.groups[group_id])

    def remove_members(self, group_id, emails):
        self.vault.writes.append(('groups.remove_members', group_id, list(emails)))
        drop = set(e.lower() for e in emails)
        group = self.vault.groups[group_id]
        group['members'] = [m for m in group['members'] if m.lower() not in drop]
        return dict(group)


class FakeVault(object):
    def __init__(self, me='admin@vault.example'):
        self.me = me
        self.chambers = {}
        self.users = {}
        self.groups = {}
        self.secrets = []
        self.reads = []
        self.writes = []
        self.deny_secret_listing = False
        self.add_user(me, role='Administrator')
        self.api = type('Api', (), {})()

    def add_user(self, email, role='User', firstname='', lastname=''):
        user = {'userid': new_id(), 'emailid': email, 'role': role, 'firstname': firstname, 'lastname': lastname}
        self.users[user['userid']] = user
        return user

    def add_chamber(self, name, owner=None, chambertype='Custom', description=''):
        chamber = {'chamberid': new_id(), 'chambername': name, 'chambertype': chambertype, 'description': description,
                   'owner': owner or self.me}
        self.chambers[chamber['chamberid']] = chamber
        return chamber

    def add_group(self, name, members=(), description=''):
        group = {'groupid': new_id(), 'groupname': name, 'description': description, 'members': list(members)}
        self.groups[group['groupid']] = group
        return group

    def add_secret(self, chamber_id, name):
        self.secrets.append({'secretid': new_id(), 'secretname': name, 'chamberid': chamber_id})


def vault_facade(fake):
    """The object a state class receives: ``.chambers``, ``.users``, ``.groups`` like the real Vault."""
    facade = type('Vault', (), {})()
    facade.chambers = FakeChambers(fake)
    facade.users = FakeUsers(fake)
    facade.groups = FakeGroups(fake)
    return facade


__all__ = ['FakeVault', 'vault_facade', 'ValidationError']
