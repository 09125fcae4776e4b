# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""_local_password: which password opens a local account, from a shadow file (no login, no leak)."""


import contextlib
import io
import json
import os

import pytest

from ansible_collections.zoho.vault.plugins.module_utils import _local_password as _shadow
from ansible_collections.zoho.vault.plugins.module_utils._local_password import ShadowError, backend, matches, read_entry, scheme_of, verify

# Known vectors (glibc/libxcrypt): password "Pa55-word!" with fixed salts.
SHA512 = '$6$saltsaltsalt$'
OPEN = 'Pa55-word!'


def _available():
    return [name for name, factory in _shadow.BACKENDS if factory() is not None]


def _hash(password, setting):
    name, func = backend()
    return func(password, setting)


@pytest.fixture
def shadow(tmp_path):
    sha512 = _hash(OPEN, SHA512)
    sha256 = _hash(OPEN, '$5$othersalt$')
    lines = [
        'root:%s:19000:0:99999:7:::' % sha512,
        'svc:%s:19000:0:99999:7:::' % sha256,
        'locked:!%s:19000:0:99999:7:::' % sha512,
        'nopass::19000:0:99999:7:::',
        'disabled:*:19000:0:99999:7:::',
        'bang:!:19000:0:99999:7:::',
    ]
    path = tmp_path / 'shadow'
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def test_a_backend_exists_here():
    assert _available(), 'no crypt backend on the test machine'


@pytest.mark.parametrize('name', ['libcrypt', 'crypt', 'passlib'])
def test_each_available_backend_agrees(shadow, name):
    if name not in _available():
        pytest.skip('%s is not available here' % name)
    found = verify('root', {'good': OPEN, 'bad': OPEN + 'x'}, shadow, preferred=name)
    assert found['matches'] == {'good': True, 'bad': False}
    assert found['backend'] == name


def test_sha256_and_scheme(shadow):
    found = verify('svc', {'a': OPEN}, shadow)
    assert found == {'exists': True, 'locked': False, 'scheme': 'sha256crypt', 'backend': found['backend'], 'matches': {'a': True}}


def test_locked_account_checks_behind_the_bang(shadow):
    found = verify('locked', {'a': OPEN, 'b': 'nope'}, shadow)
    assert found['locked'] is True and found['matches'] == {'a': True, 'b': False}
    assert found['scheme'] == 'sha512crypt'


@pytest.mark.parametrize('user, scheme', [('nopass', 'none'), ('disabled', 'disabled'), ('bang', 'disabled')])
def test_no_or_disabled_password_matches_nothing(shadow, user, scheme):
    found = verify(user, {'empty': '', 'a': OPEN}, shadow)
    assert found['exists'] is True and found['scheme'] == scheme
    assert found['matches'] == {'empty': False, 'a': False}


def test_missing_account(shadow):
    found = verify('ghost', {'a': OPEN}, shadow)
    assert found == {'exists': False, 'locked': False, 'scheme': 'none', 'backend': None, 'matches': {'a': False}}


def test_unreadable_file_is_one_line_without_secrets(tmp_path):
    with pytest.raises(ShadowError) as err:
        read_entry('root', str(tmp_path / 'missing'))
    assert 'cannot read' in str(err.value) and '\n' not in str(err.value)


def test_permission_denied_says_become(tmp_path, monkeypatch):
    def deny(*args, **kwargs):
        raise PermissionError(13, 'Permission denied')
    monkeypatch.setattr('builtins.open', deny)
    with pytest.raises(ShadowError, match='become'):
        read_entry('root', str(tmp_path / 'shadow'))


def test_matches_rejects_error_hashes():
    assert matches('x', '$6$salt$abc', lambda p, s: '*0') is False
    assert matches('x', '$6$salt$abc', lambda p, s: None) is False
    assert matches('x', '$6$salt$abc', lambda p, s: '$6$salt$abc') is True

    def boom(p, s):
        raise ValueError('bad salt')
    assert matches('x', '$6$salt$abc', boom) is False


@pytest.mark.parametrize('stored, name', [('$y$j9T$abc$def', 'yescrypt'), ('$6$a$b', 'sha512crypt'), ('$5$a$b', 'sha256crypt'),
                                          ('$2b$12$abc', 'bcrypt'), ('$1$a$b', 'md5crypt'), ('abcdefghijklm', 'des'),
                                          ('', 'none'), ('*', 'disabled'), ('!!', 'disabled'), ('weird', 'unknown')])
def test_scheme_of(stored, name):
    assert scheme_of(stored) == name


def test_no_backend_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(_shadow, 'BACKENDS', (('none', lambda: None),))
    with pytest.raises(ShadowError, match='no crypt'):
        backend()


# -- the module, in-process -------------------------------------------------------------

def _run(**args):
    from ansible_collections.zoho.vault.plugins.modules import local_password_verify
    from ansible_collections.zoho.vault.tests.unit.plugins.modules.harness import patch_module_args
    out = io.StringIO()
    with patch_module_args(args), contextlib.redirect_stdout(out):
        try:
            local_password_verify.main()
        except SystemExit:
            pass
    return json.loads(out.getvalue())


def test_module_single_password(shadow):
    result = _run(name='root', password=OPEN, shadow_file=shadow)
    assert result['match'] is True and result['changed'] is False and 'matches' not in result
    assert OPEN not in json.dumps(result)
    assert '$6$' not in json.dumps(result)


def test_module_candidates(shadow):
    result = _run(name='root', candidates={'current': 'wrong-one', 'pending': OPEN}, shadow_file=shadow)
    assert result['matches'] == {'current': False, 'pending': True}
    assert OPEN not in json.dumps(result) and 'wrong-one' not in json.dumps(result)


def test_module_fail_on_mismatch(shadow):
    result = _run(name='root', password='wrong-one', shadow_file=shadow, fail_on_mismatch=True)
    assert result['failed'] is True and result['match'] is False
    assert result['msg'] == 'the password does not open the local account root'
    result = _run(name='root', candidates={'x': 'first-wrong', 'y': 'second-wrong'}, shadow_file=shadow, fail_on_mismatch=True)
    assert result['msg'] == 'none of the candidate passwords (x, y) opens the local account root'
    result = _run(name='ghost', password='ghost-password', shadow_file=shadow, fail_on_mismatch=True)
    assert result['msg'].startswith('no local account named ghost')
    assert 'wrong-one' not in json.dumps(result)


def test_module_needs_one_of(shadow):
    result = _run(name='root', shadow_file=shadow)
    assert result['failed'] is True
    result = _run(name='root', password='one-password', candidates={'b': 'other-password'}, shadow_file=shadow)
    assert result['failed'] is True


def test_module_check_mode(shadow):
    result = _run(name='root', password=OPEN, shadow_file=shadow, _ansible_check_mode=True)
    assert result['match'] is True and result['changed'] is False


def test_module_bad_candidate_type(shadow):
    result = _run(name='root', candidates={'x': ['list']}, shadow_file=shadow)
    assert result['failed'] is True and 'must be a string' in result['msg']


def test_module_unreadable(tmp_path):
    result = _run(name='root', password='some-password', shadow_file=str(tmp_path / os.path.join('no', 'file')))
    assert result['failed'] is True and result['msg'].startswith('cannot read')
