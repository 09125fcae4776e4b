# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

DOCUMENTATION = r'''
name: generate_password
author: zoho.vault maintainers (@zoho-vault)
version_added: 0.1.0
short_description: Generate a password with Zoho Vault's password generator
description:
  - Asks the API's generator for new passwords that follow its policy options (length and character classes).
    Each requested class appears at least once.
  - Returns O(count) passwords; a term is not expected.
  - Every evaluation generates new passwords (they are never cached). Ansible evaluates a lookup each time a
    variable using it is used, so pin the value with M(ansible.builtin.set_fact) (without C(cacheable)) before
    using it twice, for example to set a password and store it in the vault.
options:
  length:
    description: The number of characters (8 to 128).
    type: int
    default: 12
  uppercase:
    description: Include uppercase letters.
    type: bool
    default: true
  lowercase:
    description: Include lowercase letters.
    type: bool
    default: true
  numbers:
    description: Include digits.
    type: bool
    default: true
  symbols:
    description: Include special characters.
    type: bool
    default: true
  count:
    description:
      - How many passwords to generate (one API call each, counted against the plan's rate limits).
      - At most 1000; a larger value is refused before any call.
    type: int
    default: 1
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.connection.plugins
  - zoho.vault.lookup
'''

EXAMPLES = r'''
- name: Generate a 24-character password once, and keep it for the rest of the play
  ansible.builtin.set_fact:
    new_db_password: "{{ lookup('zoho.vault.generate_password', length=24) }}"
  no_log: true

- name: A PIN-like password of digits only
  ansible.builtin.debug:
    msg: "{{ lookup('zoho.vault.generate_password', length=8, uppercase=false, lowercase=false, symbols=false) | length }}"

- name: Three passwords at once
  ansible.builtin.debug:
    msg: "{{ query('zoho.vault.generate_password', count=3) | length }}"
'''

RETURN = r'''
_raw:
  description: O(count) new passwords, marked unsafe.
  type: list
  elements: str
'''

from ansible.errors import AnsibleLookupError

# First: the shared code below then loads from cached bytecode (see _bytecode.py).
from ansible_collections.zoho.vault.plugins.plugin_utils import _bytecode  # noqa: F401  pylint: disable=unused-import
from ansible_collections.zoho.vault.plugins.plugin_utils._lookup import ZohoVaultLookupBase


# 100,000 would spend a whole Enterprise day's quota; a thousand is far beyond any one play's need.
MAX_COUNT = 1000


class LookupModule(ZohoVaultLookupBase):

    PLUGIN = 'zoho.vault.generate_password'
    HAS_POLICIES = False

    def lookup(self, session, terms):
        if terms:
            raise AnsibleLookupError('%s: takes no terms; give the policy as keywords, e.g. length=20, symbols=false' % self.PLUGIN)
        length = self.get_option('length')
        if not 8 <= length <= 128:
            raise AnsibleLookupError('%s: length must be between 8 and 128, not %d' % (self.PLUGIN, length))
        params = dict((name, self.get_option(name)) for name in ('length', 'uppercase', 'lowercase', 'numbers', 'symbols'))
        if not any(params[name] for name in ('uppercase', 'lowercase', 'numbers', 'symbols')):
            raise AnsibleLookupError('%s: at least one of uppercase, lowercase, numbers and symbols must be true' % self.PLUGIN)
        count = self.get_option('count')
        if not 1 <= count <= MAX_COUNT:
            raise AnsibleLookupError('%s: count must be between 1 and %d, not %d (each password costs one API call of the '
                                     "plan's quota)" % (self.PLUGIN, MAX_COUNT, count))
        return [session.generate(params) for dummy in range(count)]
