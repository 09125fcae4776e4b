# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Each kind's field table (``_kinds/fields.py``) is what the modules and the vault_state document accept,
and every module's static DOCUMENTATION says what its argument spec does (types, choices, defaults, required)."""

import importlib
import pathlib

import pytest
import yaml

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.zoho.vault.plugins.module_utils._vault_state.schema import DOCUMENT_OPTIONS
from ansible_collections.zoho.vault.plugins.module_utils._kinds import fields as _fields

MODULES = sorted(p.stem for p in (pathlib.Path(__file__).resolve().parents[4] / 'plugins' / 'modules').glob('*.py'))
# module → (field table, the fields a module option means)
KIND_MODULES = {'user': _fields.USER, 'group': _fields.GROUP, 'chamber': _fields.CHAMBER, 'secret': _fields.SECRET,
                'secret_share': _fields.SHARE}
DOCUMENT_KINDS = {'users': _fields.USER, 'groups': _fields.GROUP, 'chambers': _fields.CHAMBER}


class _Built(Exception):
    pass


def argument_spec(name, monkeypatch):
    """The argument spec a module hands to its AnsibleModule (its own options, without the connection fragment)."""
    module = importlib.import_module('ansible_collections.zoho.vault.plugins.modules.%s' % name)

    def build(*args, **kwargs):
        raise _Built(kwargs['argument_spec'])

    # AnsibleModule, ZohoVaultModule, and any subclass of them a module defines.
    for cls, value in list(vars(module).items()):
        if isinstance(value, type) and issubclass(value, AnsibleModule):
            monkeypatch.setattr(module, cls, build)
    with pytest.raises(_Built) as built:
        module.main()
    return built.value.args[0], documented_options(yaml.safe_load(module.DOCUMENTATION))


def documented_options(doc):
    """The module's own options and those of the doc fragments of option groups it shares with other modules
    (the connection options are ZohoVaultModule's own, and are tested with it)."""
    options = dict(doc.get('options') or {})
    for fragment in doc.get('extends_documentation_fragment') or []:
        collection, _dot, name = fragment.rpartition('.')
        if collection != 'zoho.vault' or name in ('connection', 'attributes'):
            continue
        source = importlib.import_module('ansible_collections.zoho.vault.plugins.doc_fragments.%s' % name)
        options.update(yaml.safe_load(source.ModuleDocFragment.DOCUMENTATION)['options'])
    return options


def _differ(a, b, ordered):
    return a != b if ordered or not isinstance(a, list) or not isinstance(b, list) else sorted(a) != sorted(b)


def disagreements(spec, docs, path=''):
    """Where the documented options and the argument spec differ."""
    out = []
    if sorted(spec) != sorted(docs):
        return ['%s: options %s documented as %s' % (path or '.', sorted(spec), sorted(docs))]
    for name, entry in spec.items():
        doc, where = docs[name], path + name
        for key, default in (('type', 'str'), ('choices', None), ('default', None), ('elements', None), ('required', False),
                             ('aliases', None)):
            if _differ(entry.get(key, default), doc.get(key, default), ordered=key != 'choices'):
                out.append('%s: %s %r documented as %r' % (where, key, entry.get(key, default), doc.get(key, default)))
        if entry.get('options') or doc.get('suboptions'):
            out.extend(disagreements(entry.get('options') or {}, doc.get('suboptions') or {}, where + '.'))
    return out


@pytest.mark.parametrize('name', MODULES)
def test_documentation_says_what_the_argument_spec_does(name, monkeypatch):
    spec, docs = argument_spec(name, monkeypatch)
    assert disagreements(spec, docs) == []


@pytest.mark.parametrize('name', sorted(KIND_MODULES))
def test_kind_modules_take_their_options_from_the_field_table(name, monkeypatch):
    spec, dummy = argument_spec(name, monkeypatch)
    for field in KIND_MODULES[name]:
        assert dict(spec[field.option], default=None) == dict(field.spec(), default=None), field.option
        assert spec[field.option].get('default', field.default) == field.default, field.option


def test_the_document_is_made_of_the_field_tables(monkeypatch):
    for key, table in DOCUMENT_KINDS.items():
        options = DOCUMENT_OPTIONS[key]['options']
        assert all(options[f.option] == f.spec(document=True) for f in table), key
    secret = DOCUMENT_OPTIONS['chambers']['options']['secrets']['options']
    assert all(secret[f.option] == f.spec(document=True) for f in _fields.SECRET)
    assert secret['shares']['options'] == _fields.argument_spec(_fields.SHARE, document=True)
    # vault_state documents the document: the same options, suboption by suboption.
    spec, docs = argument_spec('vault_state', monkeypatch)
    assert spec['definition']['options'] == DOCUMENT_OPTIONS and disagreements(spec, docs) == []


def test_each_vocabulary_is_declared_once():
    root = pathlib.Path(__file__).resolve().parents[4] / 'plugins'
    for words in (_fields.SECRET_TYPES, _fields.ROLES, _fields.PERMISSIONS):
        spelled = repr(words[0]) + ', ' + repr(words[1])
        holders = [str(p.relative_to(root)) for p in root.rglob('*.py') if spelled in p.read_text(encoding='utf-8')]
        assert holders == ['module_utils/_kinds/fields.py'], words


def test_the_table_derives_what_a_kind_needs():
    assert _fields.new_object(_fields.SECRET, 'secretid') == {
        'secretid': None, 'secreturl': '', 'username': '', 'notes': '', 'customfields': {}, 'secrettype': 'Login'}
    assert _fields.api_fields(_fields.USER) == (('emailid', 'email'), ('role', 'role'), ('firstname', 'first_name'),
                                                ('lastname', 'last_name'))
    exported = _fields.to_spec(_fields.GROUP, {'groupname': 'Ops', 'members': ['a@x.test']})
    assert exported == {'name': 'Ops', 'description': '', 'members': ['a@x.test']}
    with pytest.raises(Exception, match=r"chamber_type must be one of Shared, Custom, got 'Personal' \(Personal chambers"):
        _fields.check_choices(_fields.CHAMBER, {'chamber_type': 'Personal'})
