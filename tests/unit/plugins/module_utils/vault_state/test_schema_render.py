# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The document's checks, its items in dependency order, and the readable rendering of a plan."""


import pytest

from ansible_collections.zoho.vault.plugins.module_utils._vault_state.render import scalar, summarize, text_diff, yaml_text
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.schema import DEFAULT_PRUNE_SCOPE, Document
from ansible_collections.zoho.vault.plugins.module_utils._errors import ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._changes import REDACTED

DOC = {
    'users': [{'email': 'a@x.test', 'role': 'User'}],
    'groups': [{'name': 'g', 'members': ['a@x.test']}],
    'chambers': [
        {'name': 'C1', 'secrets': [{'name': 's1', 'password': 'pw-12345678', 'shares': {'users': [{'email': 'a@x.test', 'permissions': ['READ']}]}},
                                   {'name': 's2'}]},
        {'name': 'C2', 'secrets': [{'name': 's3'}]},
    ],
}


def test_items_come_in_dependency_order_with_their_specs():
    items = Document.from_params(DOC, prune=True, update_password='on_create').items()
    assert [(i.kind, i.label) for i in items] == [
        ('user', 'a@x.test'), ('group', 'g'), ('chamber', 'C1'), ('chamber', 'C2'),
        ('secret', 'C1/s1'), ('secret', 'C1/s2'), ('secret', 'C2/s3'), ('share', 'C1/s1')]
    group, secret, share = items[1], items[4], items[7]
    assert group.spec['purge_members'] is True and group.depends == [('user', 'a@x.test')]
    assert secret.spec['chamber'] == 'C1' and secret.spec['update_password'] == 'on_create' and secret.spec['state'] == 'present'
    assert 'shares' not in secret.spec and secret.depends == [('chamber', 'C1')]
    assert share.spec['purge'] is True and share.depends[0] == ('secret', 'C1/s1')
    assert secret.path == 'chambers[0].secrets[0]'


def test_prune_off_means_an_empty_scope_and_default_scope_stays_inside_declared_objects():
    assert Document.from_params(DOC).prune == []
    assert Document.from_params(DOC, prune=True).prune == DEFAULT_PRUNE_SCOPE == ['secrets', 'shares', 'members']
    assert Document.from_params(DOC).items()[1].spec['purge_members'] is False


def test_the_chambers_limit_keeps_users_and_groups_but_only_the_named_chambers():
    items = Document.from_params(DOC, chambers=['c2']).items()
    assert [(i.kind, i.label) for i in items] == [('user', 'a@x.test'), ('group', 'g'), ('chamber', 'C2'), ('secret', 'C2/s3')]


@pytest.mark.parametrize('doc, message', [
    ({'users': [{'email': 'a@x.test'}, {'email': 'A@X.test'}]}, "users[0] and users[1] both declare email 'A@X.test'"),
    ({'chambers': [{'name': 'c', 'secrets': [{'name': 's'}, {'name': 'S '}]}]}, 'chambers[0].secrets[0] and chambers[0].secrets[1]'),
    ({'chambers': [{'name': 'c', 'secrets': [{'name': 's', 'password': 'x', 'generate_password': True}]}]}, 'mutually exclusive'),
    ({'chambers': [{'name': 'c', 'secrets': [{'name': 's', 'shares': {'groups': [{'name': 'g', 'permissions': ['READ']}] * 2}}]}]},
     'shares.groups[0] and'),
    ({'vaults': []}, 'unknown top-level key(s) in definition: vaults'),
])
def test_documents_that_cannot_be_planned_are_refused_in_one_line(doc, message):
    with pytest.raises(ValidationError) as err:
        Document.from_params(doc)
    assert message in str(err.value) and '\n' not in str(err.value)


def test_a_kind_is_pruned_only_when_the_document_manages_it():
    with pytest.raises(ValidationError, match='prune_scope names users but the definition has no users key'):
        Document.from_params({'chambers': []}, prune=True, prune_scope=['users'])
    with pytest.raises(ValidationError, match='unknown prune_scope'):
        Document.from_params({'chambers': []}, prune=True, prune_scope=['everything'])
    doc = Document.from_params({'users': []}, prune=True, prune_scope=['users'])
    assert doc.prunes('users') and doc.chambers is None and doc.users is not None


def test_yaml_text_is_readable_and_quotes_only_what_needs_it():
    text = yaml_text({'name': 'db', 'port': '5432', 'empty': '', 'tags': ['a', 'b'], 'nested': {'k': True},
                      'users': [{'email': 'a@x.test', 'permissions': ['READ']}], 'note': 'a: b', 'none': None})
    assert text == ('empty: ""\n'
                    'name: db\n'
                    'nested:\n  k: true\n'
                    'none: null\n'
                    'note: "a: b"\n'
                    'port: "5432"\n'
                    'tags: [a, b]\n'
                    'users:\n  - email: a@x.test\n    permissions: [READ]\n')
    assert scalar('yes') == '"yes"' and scalar('(known after apply)') == '(known after apply)' and scalar(3) == '3'


def test_text_diff_redacts_secret_fields_and_marks_a_changed_one():
    entry = text_diff('secret', 'C/s', {'secretname': 's', 'password': 'old-pw'}, {'secretname': 's', 'password': 'new-pw'},
                      ('password',), header='update secret')
    assert 'old-pw' not in str(entry) and 'new-pw' not in str(entry)
    assert 'password: %s\n' % REDACTED in entry['before'] and '%s (changed)' % REDACTED in entry['after']
    assert entry['before'].startswith('# secret: C/s\n') and entry['before_header'] == 'update secret'
    created = text_diff('chamber', 'C', None, {'chambername': 'C'})
    assert created['before'] == '' and created['after'] == '# chamber: C\nchambername: C\n'


def test_summary_counts_per_action_and_kind():
    plan = [{'action': 'create', 'kind': 'secret'}, {'action': 'create', 'kind': 'secret'}, {'action': 'delete', 'kind': 'user'}]
    assert summarize(plan) == {'create': {'secret': 2}, 'update': {}, 'delete': {'user': 1}, 'total': 3}


def test_declared_custom_fields_of_a_raw_definition_skip_malformed_parts():
    from ansible_collections.zoho.vault.plugins.module_utils._vault_state.schema import declared_custom_fields
    doc = {'chambers': [{'name': 'C', 'secrets': [{'name': 's', 'custom_fields': {'pin': '1'}}, 'x', {'name': 't'}]}, 7,
                        {'name': 'D', 'secrets': 'not a list'}]}
    assert declared_custom_fields(doc) == [{'pin': '1'}, None]
    assert declared_custom_fields('not a mapping') == [] and declared_custom_fields({'chambers': 'x'}) == []
