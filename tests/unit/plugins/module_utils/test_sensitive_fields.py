# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""Sensitive custom fields: the one rule (``_redact.SensitiveFields``), its option, and what plans, diffs and
returned secrets show of them."""

import json

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._changes import REDACTED, FieldChange, diff, redact_keys
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SecretState
from ansible_collections.zoho.vault.plugins.module_utils._options import ConnectionOptions
from ansible_collections.zoho.vault.plugins.module_utils._redact import CONCEALED, SensitiveFields
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.kinds.test_secret_state import spec
from ansible_collections.zoho.vault.tests.unit.plugins.module_utils.kinds.walk import walk

CANARY = 'Canary-Token-0001!'
OTHER = 'Canary-Token-0002!'


@pytest.mark.parametrize('name, sensitive', [
    ('api_token', True), ('API_Token', True), ('pin', True), ('PIN', True), ('port', False), ('token', False), ('pin2', False),
])
def test_names_and_globs_match_case_insensitively(name, sensitive):
    assert SensitiveFields.named(['*_TOKEN', 'Pin', ' ']).is_sensitive(name) is sensitive


def test_no_option_means_only_what_the_vault_conceals():
    rule = SensitiveFields.of(ConnectionOptions.from_values({'access_token': 't', 'api_url': 'http://127.0.0.1:1/api/json'}))
    assert rule == SensitiveFields()
    secret = {'customfields': {'pin': '1234', 'env': 'qa'}, CONCEALED: ['PIN']}
    assert rule.names(secret) == ('pin',)
    assert rule.is_sensitive('pin') is False  # concealed is a mark of one secret, not a name rule


def test_option_comes_from_the_environment_comma_separated():
    options = ConnectionOptions.from_env(environ={'ZOHO_VAULT_ACCESS_TOKEN': 't', 'ZOHO_VAULT_API_URL': 'http://127.0.0.1:1/api/json',
                                                  'ZOHO_VAULT_SENSITIVE_CUSTOM_FIELDS': 'pin, *_token'})
    assert SensitiveFields.of(options).patterns == ('pin', '*_token')


def test_values_and_conceal():
    rule = SensitiveFields.named(['*_token'])
    secret = {'secretname': 'db', 'customfields': {'api_token': CANARY, 'env': 'qa', 'old_token': ''}}
    assert rule.values(secret) == [CANARY]
    shown = rule.conceal(secret)
    assert shown['customfields'] == {'api_token': REDACTED, 'env': 'qa', 'old_token': ''}
    assert secret['customfields']['api_token'] == CANARY  # a copy
    assert rule.conceal(secret, mask=None)['customfields'] == {'env': 'qa'}
    assert SensitiveFields().conceal(secret) is secret


def test_a_field_concealed_in_the_current_secret_is_sensitive_in_the_desired_one():
    rule = SensitiveFields()
    current = {'customfields': {'pin': '1'}, CONCEALED: ['pin']}
    assert rule.values({'customfields': {'pin': '2'}}) == []
    assert rule.values({'customfields': {'pin': '2'}}, current) == ['2']


def test_redact_keys_marks_a_changed_value_only():
    before, after = redact_keys({'t': 'a', 'u': 'b', 'env': 'x'}, {'t': 'a', 'u': 'c', 'env': 'y', 'n': 'd'}, ('t', 'u', 'n'))
    assert before == {'t': REDACTED, 'u': REDACTED, 'env': 'x'}
    assert after == {'t': REDACTED, 'u': REDACTED + ' (changed)', 'env': 'y', 'n': REDACTED}
    assert redact_keys('x', None, ('t',)) == ('x', None)


def test_field_change_and_diff_hide_the_sensitive_keys():
    change = FieldChange('customfields', {'api_token': CANARY}, {'api_token': OTHER}, secret_keys=('api_token',))
    assert change.as_dict() == {'field': 'customfields', 'before': {'api_token': REDACTED}, 'after': {'api_token': REDACTED + ' (changed)'}}
    shown = diff({'customfields': {'api_token': CANARY, 'env': 'a'}}, {'customfields': {'api_token': OTHER, 'env': 'b'}},
                 secret_keys={'customfields': ('api_token',)})
    assert shown['before']['customfields'] == {'api_token': REDACTED, 'env': 'a'}
    assert shown['after']['customfields'] == {'api_token': REDACTED + ' (changed)', 'env': 'b'}
    assert diff(None, {'customfields': {'api_token': OTHER}}, secret_keys={'customfields': ('api_token',)})['after'] == {
        'customfields': {'api_token': REDACTED}}


def _shown(*objects):
    return json.dumps([o.as_dict() if hasattr(o, 'as_dict') else o for o in objects], default=str)


def test_secret_plan_diff_and_result_hide_a_sensitive_value_but_compare_it(emulator):
    vault = emulator.vault(sensitive_custom_fields=['*_token'])
    hidden = set()
    fields = {'api_token': CANARY, 'env': 'qa'}
    change, after, state, dummy = walk(SecretState, vault, spec(name='db', custom_fields=fields), hide=hidden.update)
    assert change.action == 'create' and hidden == {CANARY}
    assert CANARY not in _shown(change, state.shown(after), state.diff(None, after, change))
    assert state.shown(after)['customfields'] == {'api_token': REDACTED, 'env': 'qa'}
    assert CANARY in vault.client.secret_values()
    assert emulator.sent_writes()[-1][2]['customfields'] == fields  # the real value is written
    assert walk(SecretState, vault, spec(name='db', custom_fields=fields))[0] is None  # unchanged: no change
    change, after, state, before = walk(SecretState, vault, spec(name='db', custom_fields={'api_token': OTHER}), hide=hidden.update)
    assert change.field_names == ['customfields'] and hidden == {CANARY, OTHER}
    shown = state.diff(before, after, change)
    assert shown['after']['customfields']['api_token'] == REDACTED + ' (changed)'
    assert CANARY not in _shown(change, shown, state.shown(after)) and OTHER not in _shown(change, shown, state.shown(after))


def test_reveal_returns_values_read_but_still_hides_declared_ones(emulator):
    vault = emulator.vault(sensitive_custom_fields=['pin'])
    cid = emulator.seed_chamber('Prod')['chamberid']
    emulator.seed_secret('db', cid, customfields={'PIN': CANARY})
    hidden = set()
    change, after, state, dummy = walk(SecretState, vault, spec(name='db', notes='n'), reveal=True, hide=hidden.update)
    assert state.shown(after)['customfields'] == {'PIN': CANARY} and hidden == set()
    walk(SecretState, vault, spec(name='db', custom_fields={'pin': OTHER}), reveal=True, hide=hidden.update)
    assert hidden == {OTHER}
