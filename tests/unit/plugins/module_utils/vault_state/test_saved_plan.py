# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reviewed plans: saved in check mode, applied only when neither the vault nor the plan changed."""

import json
import os
import stat

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._errors import Conflict, ValidationError
from ansible_collections.zoho.vault.plugins.module_utils._vault_state import saved_plan
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.engine import Engine
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.schema import Document

CANARY = 'Canary-Plan-0001!'


def document():
    return {'chambers': [{'name': 'Prod', 'secrets': [{'name': 'db', 'password': CANARY, 'notes': 'n'}]}]}


def planned(vault, doc, check_mode):
    engine = Engine(vault, Document.from_params(doc), check_mode=check_mode)
    engine.load()
    engine.plan()
    return engine


def save(vault, path, doc=None):
    engine = planned(vault, doc or document(), True)
    saved_plan.save(path, engine, engine.result())


def apply(vault, path, doc=None):
    engine = planned(vault, doc or document(), False)
    saved_plan.check(path, engine, engine.result())
    engine.apply()
    return engine.result()


def test_a_saved_plan_applies_when_nothing_changed_and_holds_no_secret(emulator, vault, tmp_path):
    path = str(tmp_path / 'plan.json')
    save(vault, path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    assert CANARY not in text and json.loads(text)['summary']['total'] == 2
    assert emulator.writes() == {}
    result = apply(vault, path)
    assert len(result['applied']) == 2 and result['failures'] == []


def test_a_change_in_the_vault_since_the_plan_refuses_before_any_write(emulator, vault, tmp_path):
    path = str(tmp_path / 'plan.json')
    emulator.seed_chamber('Prod')
    save(vault, path)
    emulator.vault().chambers.create({'chambername': 'Someone else'})
    emulator.mark()
    with pytest.raises(Conflict, match='the vault changed since the plan in .* was saved; nothing was applied'):
        apply(vault, path)
    assert emulator.writes() == {}


def test_a_changed_document_refuses_before_any_write(emulator, vault, tmp_path):
    path = str(tmp_path / 'plan.json')
    save(vault, path)
    changed = document()
    changed['chambers'][0]['secrets'].append({'name': 'web'})
    with pytest.raises(Conflict, match=r'the plan differs from the one saved in .* \(3 change\(s\) now, 2 saved\)'):
        apply(vault, path, changed)
    assert emulator.writes() == {}


@pytest.mark.parametrize('content', [None, 'not json', '{"format": 99, "plan": []}'])
def test_a_missing_or_foreign_file_is_a_clear_error(emulator, vault, tmp_path, content):
    path = tmp_path / 'plan.json'
    if content is not None:
        path.write_text(content)
    with pytest.raises(ValidationError, match='plan'):
        apply(vault, str(path))
    assert emulator.writes() == {}


def test_the_fingerprint_does_not_hash_sensitive_custom_field_values(emulator, tmp_path):
    """A hash over a short sensitive value and fields anyone can read could be guessed back: it is masked first."""
    chamber = emulator.seed_chamber('Prod')['chamberid']
    secret = emulator.seed_secret('db', chamber, notes='n', customfields={'pin': '1234', 'env': 'qa'})
    doc = {'chambers': [{'name': 'Prod', 'secrets': [{'name': 'db', 'notes': 'changed'}]}]}
    plain = saved_plan.fingerprint(planned(emulator.vault(), doc, True).snapshot)
    sensitive = emulator.vault(sensitive_custom_fields=['PIN'])
    before = saved_plan.fingerprint(planned(sensitive, doc, True).snapshot)
    emulator.vault().secrets.update(secret, {'customfields': {'pin': '9999', 'env': 'qa'}})
    assert saved_plan.fingerprint(planned(sensitive, doc, True).snapshot) == before != plain
    emulator.vault().secrets.update(secret, {'customfields': {'pin': '9999', 'env': 'prod'}})
    assert saved_plan.fingerprint(planned(sensitive, doc, True).snapshot) != before  # other fields still count
