# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The name rule (case-insensitive names, id detection, the ambiguity error) has one owner: ``_api/_base.py``."""

import pathlib
import re

import pytest

from ansible_collections.zoho.vault.plugins.module_utils._api._base import (
    describe, fold, looks_like_id, named, pick_one, pick_optional, same_name,
)
from ansible_collections.zoho.vault.plugins.module_utils._errors import AmbiguousName, NotFound

PLUGINS = pathlib.Path(__file__).resolve().parents[4] / 'plugins'
OWNER = PLUGINS / 'module_utils' / '_api' / '_base.py'
# What a copy of the rule looks like: folding a name by hand, an id pattern, raising the ambiguity error.
COPIES = (re.compile(r'\.strip\(\)\.casefold\(\)'), re.compile(r"\\d\{6,\}"), re.compile(r'raise AmbiguousName\('))


def test_no_module_but_the_owner_writes_the_rule():
    found = []
    for path in sorted(PLUGINS.rglob('*.py')):
        if path == OWNER:
            continue
        text = path.read_text(encoding='utf-8')
        found.extend('%s: %s' % (path.relative_to(PLUGINS), rx.pattern) for rx in COPIES if rx.search(text))
    assert found == []


def test_names_compare_case_insensitively_and_ignore_blanks():
    assert same_name(' Prod DB ', 'prod db') and fold(None) == '' and fold(' A ') == 'a'
    assert not same_name(None, '') and not same_name(5, '5')
    assert named([{'n': 'A'}, {'n': 'b'}, {'n': None}], 'n', 'a') == [{'n': 'A'}]


@pytest.mark.parametrize('value, expected', [('123456', True), (123456789012345678, True), ('12345', False), ('12a456', False), (None, False)])
def test_ids_are_six_or_more_digits(value, expected):
    assert looks_like_id(value) is expected


def test_pick_one_names_the_candidates_and_prefers_only_a_single_preferred():
    rows = [{'chambername': 'P', 'chamberid': '1', 'owner': 'a@x'}, {'chambername': 'p', 'chamberid': '2', 'owner': 'b@x'}]
    assert pick_one('chamber', 'p', rows, describe('chamber'), prefer=lambda ms: named(ms, 'owner', 'B@x'))['chamberid'] == '2'
    with pytest.raises(AmbiguousName, match=r"2 chambers are named 'p': name=P, id=1, owner=a@x; name=p, id=2") as err:
        pick_one('chamber', 'p', rows, describe('chamber'), hint='Use the chamber id', prefer=lambda ms: ms)
    assert [c['id'] for c in err.value.candidates] == ['1', '2'] and 'Use the chamber id' in str(err.value)
    with pytest.raises(NotFound, match="no group named 'g' in x"):
        pick_one('group', 'g', [], describe('group'), ' in x')
    assert pick_optional('group', 'g', [], describe('group')) is None
