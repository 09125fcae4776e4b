# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Export (import of an existing vault): the document it makes, and export → plan is empty."""


import json

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._vault_state.engine import Engine
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.importer import export
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.schema import Document
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound
from ansible_collections.zoho.vault.tests.unit.emulator import ADMIN_EMAIL

CANARY = 'Canary-Export-01!'


@pytest.fixture
def seeded(emulator, vault):
    """A vault with a second user, a group, shares, a secret someone else owns, an empty and a personal chamber."""
    vault.users.create({'emailid': 'ann@x.test', 'role': 'Manager', 'firstname': 'Ann'})
    group = vault.groups.create({'groupname': 'Ops', 'members': ['ann@x.test', ADMIN_EMAIL], 'description': 'ops'})
    prod = emulator.seed_chamber('Prod', chambertype='Shared', description='p')['chamberid']
    db = emulator.seed_secret('db', prod, password=CANARY, username='dba', customfields={'port': '5432'}, secrettype='Database')
    vault.shares.share(db, users=[{'emailid': 'ann@x.test', 'permissions': ['READ']}],
                       groups=[{'groupid': group['groupid'], 'permissions': ['READ', 'WRITE']}])
    vault.shares.transfer(emulator.seed_secret('owned', prod), 'ann@x.test')
    emulator.seed_chamber('Empty')
    emulator.seed_chamber('Personal', chambertype='Personal')
    return vault


def plan_of(vault, document, **options):
    engine = Engine(vault, Document.from_params(document, **options), check_mode=True)
    engine.load()
    return [s.as_dict() for s in engine.plan() if s.change is not None]


def test_export_is_a_document_without_passwords(seeded):
    warnings = []
    result = export(seeded, warn=warnings.append)
    doc = result['definition']
    assert CANARY not in json.dumps(result) and warnings == []
    assert result['counts'] == {'users': 2, 'groups': 1, 'chambers': 2, 'secrets': 2, 'shared_secrets': 1}
    assert doc['users'][1] == {'email': 'ann@x.test', 'role': 'Manager', 'first_name': 'Ann', 'last_name': ''}
    assert doc['groups'] == [{'name': 'Ops', 'description': 'ops', 'members': [ADMIN_EMAIL, 'ann@x.test']}]
    assert [c['name'] for c in doc['chambers']] == ['Empty', 'Prod']
    db, owned = doc['chambers'][1]['secrets']
    assert db == {'name': 'db', 'url': '', 'username': 'dba', 'notes': '', 'custom_fields': {'port': '5432'}, 'secret_type': 'Database',
                  'shares': {'users': [{'email': 'ann@x.test', 'permissions': ['READ']}],
                             'groups': [{'name': 'Ops', 'permissions': ['READ', 'WRITE']}]}}
    assert owned['owner'] == 'ann@x.test' and 'shares' not in owned
    # every document key is one the module accepts
    Document.from_params(doc)


@pytest.mark.parametrize('options', [{}, {'prune': True, 'prune_scope': ['secrets', 'shares', 'members', 'chambers', 'groups', 'users']}])
def test_export_then_apply_is_a_no_op(seeded, options):
    doc = export(seeded)['definition']
    assert plan_of(seeded, doc, **options) == []


def test_export_of_some_chambers_and_kinds(seeded):
    result = export(seeded, include=['chambers'], chambers=['prod', 'personal'], shares=False)
    assert list(result['definition']) == ['chambers']
    personal, prod = result['definition']['chambers']
    assert personal == {'name': 'Personal', 'description': '', 'secrets': []}
    assert all('shares' not in s for s in prod['secrets'])
    assert plan_of(seeded, result['definition'], prune=True) == []
    with pytest.raises(NotFound, match="no chamber named 'Nope'"):
        export(seeded, chambers=['Nope'])


def test_chambers_of_one_name_export_the_callers_own_with_a_warning(emulator, seeded):
    emulator.vault('ann@x.test').chambers.create({'chambername': 'Prod'})
    warnings = []
    doc = export(seeded, warn=warnings.append)['definition']
    assert [c['name'] for c in doc['chambers']] == ['Empty', 'Prod'] and len(doc['chambers'][1]['secrets']) == 2
    assert len(warnings) == 1 and "2 chambers are named 'Prod'" in warnings[0]
