# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Export (import of an existing vault): the document it makes, and export → plan is empty."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._document.engine import Engine
from ansible_collections.zoho.vault.plugins.module_utils._document.export import export
from ansible_collections.zoho.vault.plugins.module_utils._document.schema import Document
from ansible_collections.zoho.vault.plugins.module_utils._errors import NotFound
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.document.fake_vault import FakeVault

CANARY = 'Canary-Export-01!'


def seeded():
    fake = FakeVault()
    fake.add_user('ann@x.test', role='Manager', firstname='Ann')
    group = fake.add_group('Ops', members=['ann@x.test', 'admin@vault.test'], description='ops')
    prod = fake.add_chamber('Prod', chambertype='Shared', description='p')
    secret = fake.add_secret(prod, 'db', password=CANARY, username='dba', customfields={'port': '5432'}, secrettype='Database')
    secret['shares']['users']['ann@x.test'] = ['READ']
    secret['shares']['groups'][group['groupid']] = ['READ', 'WRITE']
    fake.add_secret(prod, 'owned', owner='ann@x.test')
    fake.add_chamber('Empty')
    fake.add_chamber('Personal', chambertype='Personal')
    return fake


def plan_of(fake, document, **options):
    engine = Engine(fake.facade(), Document.from_params(document, **options), check_mode=True)
    engine.load()
    return [s.as_dict() for s in engine.plan() if s.change is not None]


def test_export_is_a_document_without_passwords():
    fake = seeded()
    warnings = []
    result = export(fake.facade(), warn=warnings.append)
    doc = result['definition']
    assert CANARY not in json.dumps(result) and warnings == []
    assert result['counts'] == {'users': 2, 'groups': 1, 'chambers': 2, 'secrets': 2, 'shared_secrets': 1}
    assert doc['users'][1] == {'email': 'ann@x.test', 'role': 'Manager', 'first_name': 'Ann', 'last_name': ''}
    assert doc['groups'] == [{'name': 'Ops', 'description': 'ops', 'members': ['admin@vault.test', 'ann@x.test']}]
    assert [c['name'] for c in doc['chambers']] == ['Empty', 'Prod']
    db, owned = doc['chambers'][1]['secrets']
    assert db == {'name': 'db', 'url': '', 'username': 'dba', 'notes': '', 'custom_fields': {'port': '5432'}, 'secret_type': 'Database',
                  'shares': {'users': [{'email': 'ann@x.test', 'permissions': ['READ']}],
                             'groups': [{'name': 'Ops', 'permissions': ['READ', 'WRITE']}]}}
    assert owned['owner'] == 'ann@x.test' and 'shares' not in owned
    # every document key is one the module accepts
    Document.from_params(doc)


@pytest.mark.parametrize('options', [{}, {'prune': True, 'prune_scope': ['secrets', 'shares', 'members', 'chambers', 'groups', 'users']}])
def test_export_then_apply_is_a_no_op(options):
    fake = seeded()
    doc = export(fake.facade())['definition']
    assert plan_of(fake, doc, **options) == []


def test_export_of_some_chambers_and_kinds():
    fake = seeded()
    result = export(fake.facade(), include=['chambers'], chambers=['prod', 'personal'], shares=False)
    assert list(result['definition']) == ['chambers']
    personal, prod = result['definition']['chambers']
    assert personal == {'name': 'Personal', 'description': '', 'secrets': []}
    assert all('shares' not in s for s in prod['secrets'])
    assert plan_of(fake, result['definition'], prune=True) == []
    with pytest.raises(NotFound, match="no chamber named 'Nope'"):
        export(fake.facade(), chambers=['Nope'])


def test_chambers_of_one_name_export_the_callers_own_with_a_warning():
    fake = seeded()
    fake.add_chamber('Prod', owner='ann@x.test')
    warnings = []
    doc = export(fake.facade(), warn=warnings.append)['definition']
    assert [c['name'] for c in doc['chambers']] == ['Empty', 'Prod'] and len(doc['chambers'][1]['secrets']) == 2
    assert len(warnings) == 1 and "2 chambers are named 'Prod'" in warnings[0]
