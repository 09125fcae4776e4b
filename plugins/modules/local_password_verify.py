#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
module: local_password_verify
short_description: Check passwords against a local account's stored hash, without logging in
version_added: 0.1.0
description:
  - Tells whether a password (or which of several candidate passwords) opens a local Linux account, by hashing it with
    the salt and scheme of the account's entry in C(/etc/shadow) and comparing the result.
  - It never logs in (no C(su), no SSH, no PAM), so a wrong candidate does not count as a failed login and cannot lock the
    account out.
  - It returns booleans only; the passwords and the stored hash never appear in its result.
  - The C(zoho.vault.rotate) role uses it to verify a rotation before promoting the new password in Zoho Vault, and to
    decide which password a host accepts after an interrupted rotation. It does not talk to Zoho Vault.
  - Hashes are computed by the host's C(crypt(3)) (libcrypt, through C(ctypes)), which knows every scheme the system
    writes (yescrypt, SHA-512, SHA-256, bcrypt, MD5); else Python's C(crypt) module (Python before 3.13); else passlib.
options:
  name:
    description:
      - The local account.
    type: str
    required: true
    aliases: [user]
  password:
    description:
      - The password to check. Result RV(match).
      - Exactly one of O(password) and O(candidates) is required.
    type: str
  candidates:
    description:
      - Several passwords to check at once, by a label of your choice (for example V(current) and V(pending)).
        Result RV(matches), label to boolean.
      - The labels are shown in the result; the passwords are not.
    type: dict
  shadow_file:
    description:
      - The shadow file to read. Change it only for a chroot or an image mounted elsewhere.
    type: path
    default: /etc/shadow
  fail_on_mismatch:
    description:
      - Fail when O(password) does not match (or no candidate of O(candidates) matches), with a one-line message
        that names the account only.
    type: bool
    default: false
notes:
  - Reading C(/etc/shadow) needs root; use C(become=true) for a remote host.
  - A locked account (its hash prefixed with C(!)) is checked against the hash behind the C(!); RV(locked) tells that
    the account is locked.
  - An account without a password, or with a disabled one (C(*), C(!)), matches no candidate.
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details:
      - This is a read-only module; it runs the same in check mode and always reports C(changed=false).
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
  platform:
    description: Target OS/families that can be operated against.
    support: full
    platforms: posix
    details:
      - Linux and other systems with a C(/etc/shadow) file in the usual format.
seealso:
  - module: ansible.builtin.user
author:
  - zoho.vault maintainers (@zoho-vault)
'''

EXAMPLES = r'''
- name: Does the password kept in the vault open the root account? (no login attempt)
  zoho.vault.local_password_verify:
    name: root
    password: "{{ lookup('zoho.vault.password', inventory_hostname ~ ' root') }}"
  become: true
  no_log: true
  register: root_check

- name: Report it (the result holds booleans only)
  ansible.builtin.debug:
    msg: "The vault's root password {{ 'opens' if root_check.match else 'does NOT open' }} the account"

- name: Which of two passwords does the account accept?
  zoho.vault.local_password_verify:
    name: deploy
    candidates:
      current: "{{ current_password }}"
      pending: "{{ pending_password }}"
  become: true
  no_log: true
  register: which

- name: Fail unless the new password is in place
  zoho.vault.local_password_verify:
    name: deploy
    password: "{{ new_password }}"
    fail_on_mismatch: true
  become: true
  no_log: true
'''

RETURN = r'''
exists:
  description: Whether the account has an entry in the shadow file. A missing account matches nothing.
  type: bool
  returned: always
  sample: true
match:
  description: Whether O(password) opens the account.
  type: bool
  returned: when O(password) is given
  sample: true
matches:
  description: Each label of O(candidates) with whether its password opens the account.
  type: dict
  returned: when O(candidates) is given
  sample: {"current": false, "pending": true}
locked:
  description: Whether the account is locked (its hash is prefixed with C(!)).
  type: bool
  returned: always
  sample: false
scheme:
  description:
    - The hash scheme of the account (V(yescrypt), V(sha512crypt), V(sha256crypt), V(bcrypt), V(md5crypt), V(des)...),
      V(none) without a password, V(disabled) for C(*) or C(!).
  type: str
  returned: always
  sample: sha512crypt
backend:
  description: The crypt implementation used (V(libcrypt), V(crypt) or V(passlib)); null when the account does not exist.
  type: str
  returned: always
  sample: libcrypt
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.zoho.vault.plugins.module_utils._local_password import SHADOW_FILE, ShadowError, verify


def candidates(module, given):
    """The labelled candidate passwords (labels as strings); fails on a value that is not a string, or on none."""
    passwords = {}
    for label, value in (given or {}).items():
        if not isinstance(value, str):
            module.fail_json(msg='candidates: the password labelled %r must be a string, not %s' % (str(label), type(value).__name__))
        passwords[str(label)] = value
    if not passwords:
        module.fail_json(msg='candidates: give at least one labelled password')
    return passwords


def mismatch(params, exists, labels):
    """Why fail_on_mismatch fails; ``labels`` is None for a single password."""
    if not exists:
        return 'no local account named %s in %s' % (params['name'], params['shadow_file'])
    if labels is None:
        return 'the password does not open the local account %s' % params['name']
    return 'none of the candidate passwords (%s) opens the local account %s' % (', '.join(labels), params['name'])


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type='str', required=True, aliases=['user']),
            password=dict(type='str', no_log=True),
            candidates=dict(type='dict', no_log=True),
            shadow_file=dict(type='path', default=SHADOW_FILE),
            fail_on_mismatch=dict(type='bool', default=False),
        ),
        required_one_of=[('password', 'candidates')],
        mutually_exclusive=[('password', 'candidates')],
        supports_check_mode=True,
    )
    params = module.params
    single = params['password'] is not None
    passwords = {'password': params['password']} if single else candidates(module, params['candidates'])
    try:
        found = verify(params['name'], passwords, params['shadow_file'])
    except ShadowError as err:
        module.fail_json(msg=str(err))

    result = dict(changed=False, exists=found['exists'], locked=found['locked'], scheme=found['scheme'], backend=found['backend'])
    if single:
        result['match'] = found['matches']['password']
    else:
        result['matches'] = found['matches']
    if params['fail_on_mismatch'] and not any(found['matches'].values()):
        module.fail_json(msg=mismatch(params, found['exists'], None if single else sorted(passwords)), **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
