# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An in-memory Vault facade with every resource vault_state uses (users, groups, chambers, secrets,
shares, generator), counting each read and recording each write, with writes that can be made to fail."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import copy
import itertools

from ansible_collections.zoho.vault.plugins.module_utils._errors import Conflict, NotFound, PermissionDenied, ServerError, ValidationError

_ids = itertools.count(123456000000500000)


def new_id():
    return str(next(_ids))


def fold(text):
    return str(text or '').strip().casefold()


class FakeClient(object):
    def __init__(self):
        self.masked = set()

    def add_secret_values(self, *values):
        self.masked.update(str(v) for v in values if v)


class _Part(object):
    def __init__(self, fake):
        self.fake = fake

    def read(self, *call):
        self.fake.reads.append(call)

    def write(self, *call):
        self.fake.writes.append(call)
        for index, (match, error) in enumerate(self.fake.fail_on):
            if match(call):
                del self.fake.fail_on[index]
                raise error


class Users(_Part):
    def scoped(self, path):
        """The reference's example scopes (secrets and chambers only) deny every users/groups call."""
        if not self.fake.users_scope:
            raise PermissionDenied('Access Denied: the access token lacks the ZohoVault.users.READ scope', status=403, code=7003,
                                   context='GET %s' % path)

    def list(self):
        self.read('users.list')
        self.scoped('/users')
        return copy.deepcopy(list(self.fake.users.values()))

    def current(self):
        self.read('users.current')
        self.scoped('/users/current')
        return dict(next(u for u in self.fake.users.values() if u['emailid'] == self.fake.me))

    def create(self, data):
        self.write('users.create', data.get('emailid'))
        user = {'userid': new_id(), 'role': 'User', 'firstname': '', 'lastname': ''}
        user.update(data)
        self.fake.users[user['userid']] = user
        return dict(user)

    def update(self, user_id, data):
        self.write('users.update', user_id, sorted(data))
        self.fake.users[user_id].update(data)
        return dict(self.fake.users[user_id])

    def delete(self, user_id):
        self.write('users.delete', user_id)
        del self.fake.users[user_id]
        return {}


class Groups(_Part):
    def list(self):
        self.read('groups.list')
        return copy.deepcopy(list(self.fake.groups.values()))

    def create(self, data):
        self.write('groups.create', data.get('groupname'))
        group = {'groupid': new_id(), 'description': '', 'members': []}
        group.update(copy.deepcopy(data))
        self.fake.groups[group['groupid']] = group
        return copy.deepcopy(group)

    def update(self, group_id, data):
        self.write('groups.update', group_id, sorted(data))
        self.fake.groups[group_id].update(data)
        return copy.deepcopy(self.fake.groups[group_id])

    def delete(self, group_id):
        self.write('groups.delete', group_id)
        del self.fake.groups[group_id]
        return {}

    def add_members(self, group_id, emails):
        self.write('groups.add_members', group_id, sorted(emails))
        self.fake.groups[group_id]['members'] += list(emails)
        return copy.deepcopy(self.fake.groups[group_id])

    def remove_members(self, group_id, emails):
        self.write('groups.remove_members', group_id, sorted(emails))
        drop = set(fold(e) for e in emails)
        group = self.fake.groups[group_id]
        group['members'] = [m for m in group['members'] if fold(m) not in drop]
        return copy.deepcopy(group)


class Chambers(_Part):
    def list(self):
        self.read('chambers.list')
        return copy.deepcopy(list(self.fake.chambers.values()))

    def get(self, chamber_id):
        self.read('chambers.get', chamber_id)
        if chamber_id not in self.fake.chambers:
            raise NotFound('chamber %s does not exist' % chamber_id)
        return dict(self.fake.chambers[chamber_id])

    def resolve(self, name_or_id):
        self.read('chambers.resolve', name_or_id)
        for chamber in self.fake.chambers.values():
            if chamber['chamberid'] == name_or_id or fold(chamber['chambername']) == fold(name_or_id):
                return dict(chamber)
        raise NotFound('no chamber named %r' % name_or_id)

    def secrets(self, chamber_id):
        self.read('chambers.secrets', chamber_id)
        return [self.fake.public(s) for s in self.fake.secrets.values() if s['chamberid'] == chamber_id]

    def create(self, data):
        self.write('chambers.create', data.get('chambername'))
        chamber = {'chamberid': new_id(), 'chambertype': 'Custom', 'description': '', 'owner': self.fake.me}
        chamber.update(data)
        self.fake.chambers[chamber['chamberid']] = chamber
        return dict(chamber)

    def update(self, chamber_id, data):
        self.write('chambers.update', chamber_id, sorted(data))
        self.fake.chambers[chamber_id].update(data)
        return dict(self.fake.chambers[chamber_id])

    def delete(self, chamber_id, force=False):
        self.write('chambers.delete', chamber_id, force)
        held = [s for s in self.fake.secrets.values() if s['chamberid'] == chamber_id]
        if held and not force:
            raise ValidationError('chamber %s holds secrets' % chamber_id)
        for secret in held:
            del self.fake.secrets[secret['secretid']]
        del self.fake.chambers[chamber_id]
        return {}


class Secrets(_Part):
    def list(self, chamber_id=None):
        self.read('secrets.list', chamber_id)
        return [self.fake.public(s) for s in self.fake.secrets.values() if not chamber_id or s['chamberid'] == chamber_id]

    def find(self, name, chamber_id=None):
        self.read('secrets.find', name, chamber_id)
        return [self.fake.public(s) for s in self.fake.secrets.values()
                if fold(s['secretname']) == fold(name) and (not chamber_id or s['chamberid'] == chamber_id)]

    def get_password(self, secret_id):
        self.read('secrets.get_password', secret_id)
        password = self.fake.secrets[secret_id].get('password', '')
        self.fake.client.add_secret_values(password)
        return password

    def create(self, data):
        self.write('secrets.create', data.get('secretname'))
        if any(s['chamberid'] == data.get('chamberid') and fold(s['secretname']) == fold(data.get('secretname'))
               for s in self.fake.secrets.values()):
            raise Conflict('a secret named %r already exists' % data.get('secretname'))
        if not str(data.get('chamberid') or '').isdigit():
            raise ValidationError('chamberid must be an id, got %r' % (data.get('chamberid'),))
        secret = {'secretid': new_id(), 'secreturl': '', 'username': '', 'notes': '', 'customfields': {}, 'secrettype': 'Login',
                  'owner': self.fake.me, 'password': '', 'shares': {'users': {}, 'groups': {}}}
        secret.update(copy.deepcopy(data))
        self.fake.secrets[secret['secretid']] = secret
        return self.fake.public(secret)

    def update(self, secret_id, data):
        self.write('secrets.update', secret_id, sorted(data))
        self.fake.secrets[secret_id].update(copy.deepcopy(data))
        return self.fake.public(self.fake.secrets[secret_id])

    def delete(self, secret_id):
        self.write('secrets.delete', secret_id)
        del self.fake.secrets[secret_id]
        return {}


class Shares(_Part):
    def get(self, secret_id):
        self.read('shares.get', secret_id)
        secret = self.fake.secrets[secret_id]
        return {'secretid': secret_id, 'owner': secret['owner'],
                'users': [{'emailid': e, 'permissions': list(p)} for e, p in secret['shares']['users'].items()],
                'groups': [{'groupid': g, 'groupname': self.fake.groups[g]['groupname'], 'permissions': list(p)}
                           for g, p in secret['shares']['groups'].items() if g in self.fake.groups]}

    def share(self, secret_id, users=None, groups=None):
        self.write('shares.share', secret_id, sorted(u['emailid'] for u in users or []), sorted(g['groupid'] for g in groups or []))
        shares = self.fake.secrets[secret_id]['shares']
        for user in users or []:
            shares['users'][user['emailid']] = list(user['permissions'])
        for group in groups or []:
            shares['groups'][group['groupid']] = list(group['permissions'])
        return {}

    def revoke(self, secret_id, emailid=None, groupid=None):
        self.write('shares.revoke', secret_id, emailid or groupid)
        shares = self.fake.secrets[secret_id]['shares']
        if emailid:
            shares['users'].pop(emailid, None)
        else:
            shares['groups'].pop(groupid, None)
        return {}


class Generator(_Part):
    def generate(self, **policy):
        self.write('generator.generate')
        password = 'Generated-%s' % new_id()
        self.fake.client.add_secret_values(password)
        return password


class FakeVault(object):
    """``fake.facade()`` is what a module or the engine receives as its vault."""

    def __init__(self, me='admin@vault.test', users_scope=True):
        self.me = me
        self.users_scope = users_scope
        self.users, self.groups, self.chambers, self.secrets = {}, {}, {}, {}
        self.reads, self.writes = [], []
        self.fail_on = []  # (predicate on the write call, error to raise once)
        self.client = FakeClient()
        self.add_user(me, role='Administrator')

    def facade(self):
        vault = type('Vault', (), {})()
        vault.client = self.client
        vault.users, vault.groups, vault.chambers = Users(self), Groups(self), Chambers(self)
        vault.secrets, vault.shares, vault.generator = Secrets(self), Shares(self), Generator(self)
        return vault

    def fail(self, kind, error=None, name=None):
        """Make the next write of ``kind`` (e.g. 'secrets.create'), optionally of the object ``name``, fail once."""
        self.fail_on.append((lambda call: call[0] == kind and (name is None or name in call),
                             error or ServerError('boom', status=500, context='POST /secrets')))

    def public(self, secret):
        return dict((k, copy.deepcopy(v)) for k, v in secret.items() if k not in ('password', 'shares'))

    # -- seeding
    def add_user(self, email, role='User', firstname='', lastname=''):
        user = {'userid': new_id(), 'emailid': email, 'role': role, 'firstname': firstname, 'lastname': lastname}
        self.users[user['userid']] = user
        return user

    def add_group(self, name, members=(), description=''):
        group = {'groupid': new_id(), 'groupname': name, 'description': description, 'members': list(members)}
        self.groups[group['groupid']] = group
        return group

    def add_chamber(self, name, owner=None, chambertype='Custom', description=''):
        chamber = {'chamberid': new_id(), 'chambername': name, 'chambertype': chambertype, 'description': description,
                   'owner': owner or self.me}
        self.chambers[chamber['chamberid']] = chamber
        return chamber

    def add_secret(self, chamber, name, password='', **fields):
        secret = {'secretid': new_id(), 'secretname': name, 'chamberid': chamber['chamberid'], 'secreturl': '', 'username': '',
                  'notes': '', 'customfields': {}, 'secrettype': 'Login', 'owner': self.me, 'password': password,
                  'shares': {'users': {}, 'groups': {}}}
        secret.update(fields)
        self.secrets[secret['secretid']] = secret
        return secret

    def names(self, kind):
        field = {'users': 'emailid', 'groups': 'groupname', 'chambers': 'chambername', 'secrets': 'secretname'}[kind]
        return sorted(obj[field] for obj in getattr(self, kind).values())
