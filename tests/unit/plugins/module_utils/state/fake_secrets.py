# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An in-memory stand-in of the ``Vault`` facade for the secret, share and emergency state tests.

It answers the api layer's calls (``vault.secrets.find``, ``vault.shares.get``, ...) from dicts
and records every write in ``fake.writes`` (and every call in ``fake.calls``), so tests assert
what was written and that check mode wrote nothing.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import itertools

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, PermissionDenied, ValidationError

_ids = itertools.count(123456000000000100)


def new_id():
    return str(next(_ids))


def _same(a, b):
    return isinstance(a, str) and isinstance(b, str) and a.strip().casefold() == b.strip().casefold()


class FakeClient(object):
    def __init__(self):
        self.secrets = set()

    def add_secret_values(self, *values):
        self.secrets.update(str(v) for v in values if v)

    def secret_values(self):
        return sorted(self.secrets)


class _Part(object):
    def __init__(self, fake):
        self.fake = fake


class FakeSecrets(_Part):
    def list(self, chamber_id=None):
        self.fake.calls.append(('secrets.list', chamber_id))
        return [self.fake.public(s) for s in self.fake.db.values() if not chamber_id or s['chamberid'] == chamber_id]

    def get(self, secret_id):
        self.fake.calls.append(('secrets.get', secret_id))
        if secret_id not in self.fake.db:
            raise NotFound('secret %s does not exist' % secret_id, status=404, code=7004)
        return self.fake.public(self.fake.db[secret_id])

    def get_password(self, secret_id):
        self.fake.calls.append(('secrets.get_password', secret_id))
        self.fake.get_secret(secret_id)
        password = self.fake.db[secret_id].get('password', '')
        self.fake.client.add_secret_values(password)
        return password

    def search(self, searchtext=None, secrettype=None, chamberid=None, username=None, secreturl=None):
        self.fake.calls.append(('secrets.search', searchtext))
        out = []
        for s in self.fake.db.values():
            if searchtext and not any(searchtext.lower() in (s.get(k) or '').lower() for k in ('secretname', 'secreturl', 'username', 'notes')):
                continue
            if (secrettype and s['secrettype'] != secrettype) or (chamberid and s['chamberid'] != chamberid):
                continue
            if (username and username.lower() not in s['username'].lower()) or (secreturl and secreturl.lower() not in s['secreturl'].lower()):
                continue
            out.append(self.fake.public(s))
        return out

    def find(self, name, chamber_id=None):
        return [s for s in self.search(searchtext=name, chamberid=chamber_id) if _same(s['secretname'], name)]

    def resolve(self, name, chamber_id=None):
        matches = self.find(name, chamber_id)
        if not matches:
            raise NotFound('no secret named %r' % name)
        if len(matches) > 1:
            raise AmbiguousName('%d secrets are named %r' % (len(matches), name),
                                candidates=[{'name': m['secretname'], 'id': m['secretid'], 'chamber_id': m['chamberid']} for m in matches],
                                hint='Name the chamber (or use the secret id) to choose one')
        return matches[0]

    def create(self, data):
        self.fake.write('secrets.create', dict(data))
        if len(data.get('password') or 'x' * 8) < 8:
            raise ValidationError('password too short', status=400, code=7010)
        chamber = data.get('chamberid') or 'personal'
        if self.fake.find_in(chamber, data['secretname']):
            raise ValidationError('duplicate', status=409, code=7005)
        secret = {'secretid': new_id(), 'secretname': data['secretname'], 'secreturl': data.get('secreturl', ''),
                  'username': data.get('username', ''), 'notes': data.get('notes', ''), 'customfields': dict(data.get('customfields') or {}),
                  'chamberid': chamber, 'secrettype': data.get('secrettype', 'Login'), 'owner': self.fake.me,
                  'password': data.get('password', '')}
        self.fake.db[secret['secretid']] = secret
        return self.fake.public(secret)

    def update(self, secret_id, data):
        self.fake.write('secrets.update', secret_id, dict(data))
        secret = self.fake.get_secret(secret_id, need='WRITE')
        secret.update(dict(data))
        return self.fake.public(secret)

    def delete(self, secret_id):
        self.fake.write('secrets.delete', secret_id)
        self.fake.get_secret(secret_id, need='OWNER')
        del self.fake.db[secret_id]
        return {}


class FakeChambers(_Part):
    def resolve(self, name):
        self.fake.calls.append(('chambers.resolve', name))
        for cid, cname in self.fake.chambers.items():
            if _same(cname, name):
                return {'chamberid': cid, 'chambername': cname}
        raise NotFound('no chamber named %r' % name)

    def secrets(self, chamber_id):
        return self.fake.secrets.list(chamber_id)


class FakeGroups(_Part):
    def list(self):
        self.fake.calls.append(('groups.list',))
        return [{'groupid': gid, 'groupname': name} for gid, name in self.fake.groups.items()]

    def resolve(self, name):
        for group in self.list():
            if _same(group['groupname'], name):
                return group
        raise NotFound('no group named %r' % name)


class FakeShares(_Part):
    def get(self, secret_id):
        self.fake.calls.append(('shares.get', secret_id))
        secret = self.fake.get_secret(secret_id)
        shares = self.fake.shares.setdefault(secret_id, {'users': {}, 'groups': {}})
        return {'owner': secret['owner'],
                'users': [{'emailid': e, 'permissions': p} for e, p in shares['users'].items()],
                'groups': [{'groupid': g, 'groupname': self.fake.groups.get(g), 'permissions': p} for g, p in shares['groups'].items()]}

    def share(self, secret_id, users=None, groups=None):
        self.fake.write('shares.share', secret_id, users or [], groups or [])
        self.fake.get_secret(secret_id, need='SHARE')
        shares = self.fake.shares.setdefault(secret_id, {'users': {}, 'groups': {}})
        for entry in users or []:
            shares['users'][entry['emailid']] = list(entry['permissions'])
        for entry in groups or []:
            shares['groups'][entry['groupid']] = list(entry['permissions'])
        return self.get(secret_id)

    def revoke(self, secret_id, emailid=None, groupid=None):
        self.fake.write('shares.revoke', secret_id, emailid or groupid)
        shares = self.fake.shares.setdefault(secret_id, {'users': {}, 'groups': {}})
        if emailid:
            key = next(k for k in shares['users'] if _same(k, emailid))
            del shares['users'][key]
        else:
            del shares['groups'][groupid]
        return self.get(secret_id)

    def transfer(self, secret_id, emailid):
        self.fake.write('shares.transfer', secret_id, emailid)
        secret = self.fake.get_secret(secret_id, need='OWNER')
        secret['owner'] = emailid
        return self.fake.public(secret)


class FakeGenerator(_Part):
    def generate(self, length=None, uppercase=None, lowercase=None, numbers=None, symbols=None):
        self.fake.calls.append(('generator.generate', length))
        self.fake.generated += 1
        password = ('Gen%dpw' % self.fake.generated) + 'x' * max(0, (length or 12) - 6)
        password = password[:length or 12]
        self.fake.client.add_secret_values(password)
        return password


class FakeEmergency(_Part):
    """The contract's emergency requests: requestid, secretid, emailid, reason, expirestime (no status).

    A revoke ends the access: its grants then expire at the revoke time.
    """
    FIELDS = ('requestid', 'secretid', 'emailid', 'reason', 'expirestime')
    REVOKED_AT = '2000-01-01T00:00:00Z'

    def grant(self, secret_id, emailid, duration, reason):
        self.fake.write('emergency.grant', secret_id, emailid, duration, reason)
        self.fake.get_secret(secret_id, need='OWNER')
        req = {'requestid': new_id(), 'secretid': secret_id, 'emailid': emailid, 'reason': reason, 'expirestime': '2030-01-01T00:00:00Z'}
        self.fake.requests.append(req)
        return dict(req)

    def revoke(self, secret_id, emailid):
        self.fake.write('emergency.revoke', secret_id, emailid)
        live = [r for r in self.fake.requests if r['secretid'] == secret_id and _same(r['emailid'], emailid)
                and r['expirestime'] > '2026']
        if not live:
            raise NotFound('no active emergency access')
        for req in live:
            req['expirestime'] = self.REVOKED_AT
        return {'revoked': len(live)}

    def requests(self):
        self.fake.calls.append(('emergency.requests',))
        return [dict((k, r[k]) for k in self.FIELDS if k in r) for r in self.fake.requests]


class FakeAudit(_Part):
    def list(self, secret_id=None, from_date=None, to_date=None):
        self.fake.calls.append(('audit.list', secret_id, from_date, to_date))
        return [dict(e) for e in self.fake.audit_logs if not secret_id or e.get('secretid') == secret_id]


class FakeExport(_Part):
    def secrets(self, include_passwords=False):
        self.fake.calls.append(('export.secrets', include_passwords))
        out = []
        for s in self.fake.db.values():
            item = self.fake.public(s)
            if include_passwords:
                item['password'] = s.get('password', '')
                self.fake.client.add_secret_values(item['password'])
            out.append(item)
        return {'secrets': out, 'exportedtime': '2026-01-01T00:00:%02dZ' % (len(self.fake.calls) % 60)}

    def audit(self):
        self.fake.calls.append(('export.audit',))
        return {'auditlogs': [dict(e) for e in self.fake.audit_logs]}


class FakeVault(object):
    """State of the fake vault plus the facade attributes."""

    def __init__(self, me='admin@example.test', permissions=None):
        self.me = me
        self.permissions = permissions  # None: everything; else a set such as {'READ'}
        self.db = {}
        self.chambers = {}
        self.groups = {}
        self.shares = {}
        self.requests = []
        self.audit_logs = []
        self.writes = []
        self.calls = []
        self.generated = 0
        self.client = FakeClient()
        self.secrets = FakeSecrets(self)
        self.chambers_api = FakeChambers(self)
        self.groups_api = FakeGroups(self)
        self.shares_api = FakeShares(self)
        self.generator = FakeGenerator(self)
        self.emergency = FakeEmergency(self)
        self.audit = FakeAudit(self)
        self.export = FakeExport(self)

    # The facade attribute names collide with the data dicts, so the facade is a separate object.
    def facade(self):
        fake = self

        class Facade(object):
            client = fake.client
            secrets = fake.secrets
            chambers = fake.chambers_api
            groups = fake.groups_api
            shares = fake.shares_api
            generator = fake.generator
            emergency = fake.emergency
            audit = fake.audit
            export = fake.export
        return Facade()

    def write(self, *record):
        self.writes.append(record)
        self.calls.append(record[:2])

    def add_chamber(self, name):
        cid = new_id()
        self.chambers[cid] = name
        return cid

    def add_group(self, name):
        gid = new_id()
        self.groups[gid] = name
        return gid

    def add_secret(self, name, chamberid='personal', password='Initial-pw1', **fields):
        secret = {'secretid': new_id(), 'secretname': name, 'secreturl': '', 'username': '', 'notes': '', 'customfields': {},
                  'chamberid': chamberid, 'secrettype': 'Login', 'owner': self.me, 'password': password}
        secret.update(fields)
        self.db[secret['secretid']] = secret
        return secret['secretid']

    def find_in(self, chamber, name):
        return [s for s in self.db.values() if s['chamberid'] == chamber and _same(s['secretname'], name)]

    def get_secret(self, secret_id, need=None):
        if secret_id not in self.db:
            raise NotFound('secret %s does not exist' % secret_id, status=404, code=7004)
        if need and self.permissions is not None and need not in self.permissions:
            raise PermissionDenied('%s permission on the secret is needed' % need, status=403, code=7003)
        return self.db[secret_id]

    def public(self, secret):
        return dict((k, (dict(v) if isinstance(v, dict) else v)) for k, v in secret.items() if k != 'password')


__all__ = ['FakeVault', 'new_id']
