# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The four lookups through Ansible's plugin loader (real option handling) over a fake api layer."""


import pytest

from ansible.errors import AnsibleLookupError

from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound, PermissionDenied
from ansible_collections.zoho.vault.plugins.plugin_utils import _lookup
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup_cache import LookupCache
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup import LookupSession, ZohoVaultLookupBase

try:
    import jmespath  # noqa: F401  pylint: disable=unused-import
    HAS_JMESPATH = True
except ImportError:
    HAS_JMESPATH = False

needs_jmespath = pytest.mark.skipif(not HAS_JMESPATH, reason='jmespath is not installed (tests/unit/requirements.txt)')

CANARY = 'CANARY-Pw{{ lookup("pipe", "id") }}'

CHAMBERS = {'1000001': 'Staging', '1000002': 'Production', '1000003': 'a'}


def secret(secret_id, name, chamber_id, password, **extra):
    data = dict(secretid=secret_id, secretname=name, chamberid=chamber_id, secreturl=extra.pop('secreturl', ''),
                username=extra.pop('username', ''), notes=extra.pop('notes', ''), secrettype=extra.pop('secrettype', 'Login'),
                customfields=extra.pop('customfields', {}), owner='admin@example.com')
    data['password'] = password
    return data


SECRETS = [
    secret('2000001', 'Production Database', '1000002', CANARY, username='db_admin', secreturl='db.prod.example.com',
           notes='main db', secrettype='Database', customfields={'Environment': 'prod', 'token': 'CANARY-custom'}),
    secret('2000005', 'API key', '1000001', 'staging-key-1'),
    secret('2000003', 'API key', '1000002', 'prod-key-123'),
    secret('2000007', 'Denied secret', '1000002', 'nope'),
    secret('2000008', 'x/y', '1000001', 'slashy'),
    secret('2000009', '12345678', '1000001', 'digits-named'),
    secret('2000011', 'Rotated', '1000002', 'rotated-new'),
    secret('2000012', 'Rotated (previous)', '1000002', 'rotated-old'),
    secret('2000013', 'Rotated', '1000001', 'other-chamber-new'),
]


class FakeClient:
    class stats:
        calls = 0
        token_calls = 0

    def __init__(self):
        self.redacted = []

    def add_secret_values(self, *values):
        self.redacted.extend(values)

    def close(self):
        pass


class FakeSecrets:
    def __init__(self, log):
        self.log = log

    def _public(self, item):
        return dict((k, v) for k, v in item.items() if k != 'password')

    def _visible(self, item):
        if item['secretname'] == 'Denied secret':
            raise PermissionDenied('you may not read this secret', status=403, code=7003, context='GET /secrets/%s' % item['secretid'])
        return item

    def get(self, secret_id):
        self.log.append(('get', secret_id))
        for item in SECRETS:
            if item['secretid'] == secret_id:
                return self._public(self._visible(item))
        raise NotFound('secret %s not found' % secret_id, status=404, code=7004)

    def get_password(self, secret_id):
        self.log.append(('get_password', secret_id))
        for item in SECRETS:
            if item['secretid'] == secret_id:
                return self._visible(item)['password']
        raise NotFound('secret %s not found' % secret_id, status=404, code=7004)

    def resolve(self, name, chamber_id=None):
        self.log.append(('resolve', name, chamber_id))
        matches = [self._public(s) for s in SECRETS if s['secretname'].casefold() == name.casefold()
                   and (chamber_id is None or s['chamberid'] == chamber_id)]
        if not matches:
            raise NotFound('no secret named %r' % name)
        if len(matches) > 1:
            candidates = [{'name': m['secretname'], 'id': m['secretid'], 'chamber': CHAMBERS[m['chamberid']],
                           'chamber_id': m['chamberid']} for m in matches]
            raise AmbiguousName('%d secrets are named %r: %s' % (len(matches), name, '; '.join(
                'id=%s, chamber=%s' % (c['id'], c['chamber']) for c in candidates)), candidates=candidates)
        return matches[0]

    def search(self, **params):
        self.log.append(('search', tuple(sorted(params.items()))))
        text = (params.get('searchtext') or '').lower()
        out = []
        for item in SECRETS:
            if text and text not in (item['secretname'] + item['secreturl'] + item['username'] + item['notes']).lower():
                continue
            if params.get('chamberid') and item['chamberid'] != params['chamberid']:
                continue
            if params.get('secrettype') and item['secrettype'] != params['secrettype']:
                continue
            out.append(self._public(item))
        return out


class FakeChambers:
    def __init__(self, log):
        self.log = log

    def resolve(self, reference):
        self.log.append(('chamber', reference))
        for chamber_id, name in CHAMBERS.items():
            if reference in (chamber_id, name):
                return {'chamberid': chamber_id, 'chambername': name}
        raise NotFound('no chamber named %r' % reference)


class FakeGenerator:
    def __init__(self, log):
        self.log = log

    def generate(self, **params):
        self.log.append(('generate', tuple(sorted(params.items()))))
        return 'G' * params['length']


class FakeVault:
    def __init__(self):
        self.log = []
        self.client = FakeClient()
        self.secrets = FakeSecrets(self.log)
        self.chambers = FakeChambers(self.log)
        self.generator = FakeGenerator(self.log)


@pytest.fixture
def loader():
    from ansible.plugins.loader import lookup_loader
    assert lookup_loader.get('zoho.vault.password') is not None
    return lookup_loader


@pytest.fixture
def vault(monkeypatch):
    fake = FakeVault()
    opened = []

    def open_session(self):
        opened.append(self.PLUGIN)
        cache = LookupCache(None, 'identity', 'run', ttl=60, lease=30)
        return LookupSession(fake, cache, on_ambiguous=self.option('on_ambiguous', 'error'))

    monkeypatch.setattr(ZohoVaultLookupBase, 'open_session', open_session)
    fake.opened = opened
    return fake


@pytest.fixture
def warnings(monkeypatch):
    seen = []
    monkeypatch.setattr(_lookup.display, 'warning', lambda msg, *a, **k: seen.append(msg))
    return seen


def run(loader, name, *terms, **kwargs):
    variables = kwargs.pop('variables', {})
    return loader.get('zoho.vault.' + name).run(list(terms), variables=variables, **kwargs)


# -- zoho.vault.password ----------------------------------------------------------------------

def test_password_by_name_is_case_insensitive(loader, vault):
    assert run(loader, 'password', 'production database') == [CANARY]


def test_many_terms_one_session(loader, vault):
    assert run(loader, 'password', 'Production Database', 'Staging/API key', 'Production/API key') == \
        [CANARY, 'staging-key-1', 'prod-key-123']
    assert vault.opened == ['zoho.vault.password']


def test_an_id_costs_one_call(loader, vault):
    assert run(loader, 'password', '2000003') == ['prod-key-123']
    assert vault.log == [('get_password', '2000003')]


def test_digits_that_are_no_id_are_a_name(loader, vault):
    assert run(loader, 'password', '12345678') == ['digits-named']


def test_chamber_option_keeps_slashes_in_names(loader, vault):
    assert run(loader, 'password', 'x/y', chamber='Staging') == ['slashy']
    assert run(loader, 'password', 'API key', chamber='1000002') == ['prod-key-123']


def test_a_slash_term_whose_chamber_does_not_exist_is_a_name(loader, vault):
    assert run(loader, 'password', 'x/y') == ['slashy']


def test_the_previous_value_is_beside_the_secret_in_its_chamber(loader, vault, warnings):
    assert run(loader, 'password', 'Production/Rotated', version='previous') == ['rotated-old']
    assert run(loader, 'password', 'Rotated', chamber='1000002', version='previous') == ['rotated-old']
    assert run(loader, 'password', '2000011', version='previous') == ['rotated-old']
    assert run(loader, 'password', 'Production/Rotated', version='previous', previous_suffix='-old', on_missing='skip') == []
    # Never rotated: missing, per on_missing; the message names the previous secret.
    with pytest.raises(AnsibleLookupError, match=r"Staging/Rotated'.*Rotated \(previous\)"):
        run(loader, 'password', 'Staging/Rotated', version='previous')
    assert run(loader, 'password', 'Production/Rotated') == ['rotated-new']


@pytest.mark.parametrize('field,value', [('username', 'db_admin'), ('url', 'db.prod.example.com'), ('notes', 'main db'),
                                         ('type', 'Database'), ('id', '2000001'), ('Environment', 'prod'),
                                         ('environment', 'prod')])
def test_fields(loader, vault, field, value):
    assert run(loader, 'password', 'Production Database', field=field) == [value]
    assert ('get_password', '2000001') not in vault.log


def test_a_missing_custom_field_names_the_fields_not_their_values(loader, vault):
    with pytest.raises(AnsibleLookupError) as info:
        run(loader, 'password', 'Production Database', field='nope')
    text = str(info.value)
    assert "'Production Database'" in text and 'Environment, token' in text
    assert 'CANARY' not in text


def test_on_missing(loader, vault, warnings):
    with pytest.raises(AnsibleLookupError, match="zoho.vault.password: 'Nothing': no secret named 'Nothing'"):
        run(loader, 'password', 'Nothing')
    assert run(loader, 'password', 'Nothing', 'API key', chamber='Staging', on_missing='skip') == ['staging-key-1']
    assert warnings == []
    assert run(loader, 'password', 'Nothing', on_missing='warn') == []
    assert len(warnings) == 1 and 'on_missing=warn' in warnings[0]


def test_on_denied(loader, vault, warnings):
    with pytest.raises(AnsibleLookupError, match='HTTP 403'):
        run(loader, 'password', 'Denied secret')
    assert run(loader, 'password', 'Denied secret', on_denied='skip') == []
    assert run(loader, 'password', 'Denied secret', on_denied='warn', on_missing='error') == []
    assert 'on_denied=warn' in warnings[0]
    # on_missing does not cover a denial
    with pytest.raises(AnsibleLookupError):
        run(loader, 'password', 'Denied secret', on_missing='skip')


def test_ambiguous_names_list_chambers_and_ids(loader, vault, warnings):
    with pytest.raises(AnsibleLookupError) as info:
        run(loader, 'password', 'API key')
    text = str(info.value)
    for part in ('2000005', '2000003', 'Staging', 'Production'):
        assert part in text
    assert 'staging-key-1' not in text and 'prod-key-123' not in text
    assert run(loader, 'password', 'API key', on_ambiguous='skip') == []
    assert run(loader, 'password', 'API key', on_ambiguous='warn') == [] and warnings
    assert run(loader, 'password', 'API key', on_ambiguous='first') == ['prod-key-123']  # lowest id


def test_misplaced_terms_keyword(loader, vault):
    with pytest.raises(AnsibleLookupError, match='_terms is not a keyword'):
        run(loader, 'password', _terms=['Production Database'])


def test_terms_must_be_strings(loader, vault):
    with pytest.raises(AnsibleLookupError, match='must be a string'):
        run(loader, 'password', ['a list'])


def test_bad_choice_is_refused(loader, vault):
    with pytest.raises(Exception, match='on_missing'):
        run(loader, 'password', 'Production Database', on_missing='ignore')


def test_results_are_unsafe(loader, vault):
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar
    value = run(loader, 'password', 'Production Database')[0]
    assert Templar(loader=DataLoader()).template(value) == CANARY


def test_values_are_taught_to_the_client_redaction(loader, vault):
    run(loader, 'password', 'Production Database')
    assert CANARY in vault.client.redacted


# -- zoho.vault.secret ------------------------------------------------------------------------

def test_secret_without_and_with_password(loader, vault):
    item = run(loader, 'secret', 'Production Database')[0]
    assert item['secretid'] == '2000001' and item['customfields']['Environment'] == 'prod'
    assert 'password' not in item
    assert ('get_password', '2000001') not in vault.log
    item = run(loader, 'secret', 'Staging/API key', include_password=True)[0]
    assert item['password'] == 'staging-key-1'


def test_secret_and_secrets_hide_sensitive_custom_fields_unless_passwords_are_asked_for(loader, vault):
    item = run(loader, 'secret', 'Production Database', sensitive_custom_fields=['TOK*'])[0]
    assert item['customfields'] == {'Environment': 'prod', 'token': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'}
    item = run(loader, 'secret', 'Production Database', include_password=True, variables={'zoho_vault_sensitive_custom_fields': ['token']})[0]
    assert item['customfields']['token'] == 'CANARY-custom' and item['password'] == CANARY
    found = run(loader, 'secrets', 'Production Database', sensitive_custom_fields=['token'])[0]
    assert [s['customfields']['token'] for s in found] == ['VALUE_SPECIFIED_IN_NO_LOG_PARAMETER']
    found = run(loader, 'secrets', 'Production Database', sensitive_custom_fields=['token'], include_password=True)[0]
    assert [s['customfields']['token'] for s in found] == ['CANARY-custom']
    assert run(loader, 'password', 'Production Database', field='token', sensitive_custom_fields=['token']) == ['CANARY-custom']


def test_secret_by_id_and_policies(loader, vault):
    assert [s['secretname'] for s in run(loader, 'secret', '2000003', 'Nothing', on_missing='skip')] == ['API key']


# -- zoho.vault.secrets -----------------------------------------------------------------------

def test_search_returns_one_list(loader, vault):
    result = run(loader, 'secrets', 'key')
    assert len(result) == 1 and sorted(s['secretid'] for s in result[0]) == ['2000003', '2000005']


def test_search_filters_map_to_the_api(loader, vault):
    run(loader, 'secrets', searchtext='db', secret_type='Database', chamber='Production', username='db_admin', url='prod')
    assert ('chamber', 'Production') in vault.log
    assert ('search', (('chamberid', '1000002'), ('searchtext', 'db'), ('secrettype', 'Database'),
                       ('secreturl', 'prod'), ('username', 'db_admin'))) in vault.log


def test_search_terms_union_without_duplicates(loader, vault):
    result = run(loader, 'secrets', 'API', 'key')[0]
    assert [s['secretid'] for s in result] == ['2000005', '2000003']


@needs_jmespath
def test_search_query(loader, vault):
    assert run(loader, 'secrets', 'key', chamber='Staging', query='[].secretname') == [['API key']]


@pytest.mark.skipif(HAS_JMESPATH, reason='jmespath is installed')
def test_search_query_without_jmespath_says_what_to_install(loader, vault):
    with pytest.raises(AnsibleLookupError, match='needs the Python library jmespath'):
        run(loader, 'secrets', 'key', query='[].secretname')


def test_search_passwords(loader, vault):
    result = run(loader, 'secrets', 'key', chamber='Staging', include_password=True)[0]
    assert result[0]['password'] == 'staging-key-1'


def test_search_missing_chamber_follows_on_missing(loader, vault):
    with pytest.raises(AnsibleLookupError, match='no chamber'):
        run(loader, 'secrets', chamber='Nowhere')
    assert run(loader, 'secrets', chamber='Nowhere', on_missing='skip') == [[]]


def test_search_text_twice_is_refused(loader, vault):
    with pytest.raises(AnsibleLookupError, match='not both'):
        run(loader, 'secrets', 'a', searchtext='b')


@needs_jmespath
def test_search_bad_query(loader, vault):
    with pytest.raises(AnsibleLookupError, match='invalid query'):
        run(loader, 'secrets', 'key', query='[[[')


# -- zoho.vault.generate_password -------------------------------------------------------------

def test_generate(loader, vault):
    assert run(loader, 'generate_password', length=20, symbols=False) == ['G' * 20]
    assert ('generate', (('length', 20), ('lowercase', True), ('numbers', True), ('symbols', False), ('uppercase', True))) in vault.log
    assert len(run(loader, 'generate_password', count=3)) == 3


@pytest.mark.parametrize('kwargs,message', [
    (dict(length=7), 'between 8 and 128'),
    (dict(uppercase=False, lowercase=False, numbers=False, symbols=False), 'at least one'),
    (dict(count=0), 'count'),
])
def test_generate_validation(loader, vault, kwargs, message):
    with pytest.raises(AnsibleLookupError, match=message):
        run(loader, 'generate_password', **kwargs)


def test_generate_takes_no_terms(loader, vault):
    with pytest.raises(AnsibleLookupError, match='no terms'):
        run(loader, 'generate_password', 'x')


# -- options and the real session ---------------------------------------------------------------

def test_options_come_from_variables_and_open_one_client(loader, monkeypatch):
    plugin = loader.get('zoho.vault.password')
    plugin.set_options(var_options={
        'zoho_vault_api_url': 'http://127.0.0.1:9/api/json', 'zoho_vault_accounts_url': 'http://127.0.0.1:9',
        'zoho_vault_client_id': '1000.ID', 'zoho_vault_client_secret': 'secret', 'zoho_vault_refresh_token': '1000.rt',
        'zoho_vault_cache': False, 'zoho_vault_token_cache': False}, direct={})
    session = plugin.open_session()
    assert session.cache.active is False
    assert session.vault.client.api_url == 'http://127.0.0.1:9/api/json'
    session.close()


def test_a_config_error_is_one_line_without_secrets(loader):
    with pytest.raises(AnsibleLookupError) as info:
        run(loader, 'password', 'x', variables={'zoho_vault_client_secret': 'SECRET-canary', 'zoho_vault_cache': False})
    assert 'SECRET-canary' not in str(info.value) and 'missing' in str(info.value)


def test_a_cache_hit_builds_no_client():
    def factory():
        raise AssertionError('the client must not be built when the agent has the answer')

    cache = LookupCache(None, 'identity', 'run', ttl=60, lease=30)
    cache.memo[cache.key('password', ['2000003'])] = {'v': 'prod-key-123'}
    session = LookupSession(cache=cache, factory=factory)
    assert session.password('2000003') == 'prod-key-123'
    assert session.api_calls == 0
    session.close()


def test_values_seen_before_the_client_is_built_are_taught_to_it():
    fake = FakeVault()
    cache = LookupCache(None, 'identity', 'run', ttl=60, lease=30)
    cache.memo[cache.key('password', ['2000003'])] = {'v': 'prod-key-123'}
    session = LookupSession(cache=cache, factory=lambda: fake)
    session.password('2000003')
    assert session.vault is fake and 'prod-key-123' in fake.client.redacted


def test_an_unexpected_error_names_its_type_not_its_text(loader, vault, monkeypatch):
    def boom(self, term, chamber=None, try_id=True):
        raise KeyError('CANARY-in-an-exception')

    monkeypatch.setattr(LookupSession, 'secret', boom)
    with pytest.raises(AnsibleLookupError) as info:
        run(loader, 'secret', 'Production Database')
    assert 'unexpected KeyError' in str(info.value) and 'CANARY' not in str(info.value)


def _trusted(text):
    try:
        from ansible.template import trust_as_template  # ansible-core 2.19+: only trusted text is templated
    except ImportError:  # pragma: no cover - older cores template every str
        return text
    return trust_as_template(text)


def test_options_from_variables_are_templated_but_untrusted_text_is_not(loader):
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar
    variables = {
        'real_url': 'http://127.0.0.1:9/api/json',
        'zoho_vault_api_url': _trusted('{{ real_url }}'),
        'zoho_vault_accounts_url': 'http://127.0.0.1:9',
        'zoho_vault_client_id': '{{ lookup("pipe", "id") }}',  # untrusted, e.g. a looked-up value
        'zoho_vault_client_secret': 's', 'zoho_vault_refresh_token': 'r', 'zoho_vault_cache': _trusted('{{ false }}'),
        # an option with choices: templated before Ansible checks the choice
        'chosen_dialect': 'reference', 'zoho_vault_dialect': _trusted('{{ chosen_dialect }}'),
    }
    plugin = loader.get('zoho.vault.password', templar=Templar(loader=DataLoader(), variables=variables))
    plugin.set_options(var_options=plugin.template_own_variables(variables), direct={})
    assert plugin.get_option('dialect') == 'reference'
    assert plugin.get_option('api_url') == 'http://127.0.0.1:9/api/json'
    assert plugin.get_option('client_id') == '{{ lookup("pipe", "id") }}'
    session = plugin.open_session()
    assert session.cache.active is False
