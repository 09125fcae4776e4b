#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: export
short_description: Export Zoho Vault secrets or the audit trail to a file
version_added: 0.1.0
description:
  - Writes a JSON export of the secrets visible to the caller, or of the audit trail, to a file on the machine
    that runs the module (usually the controller, with C(delegate_to) or C(connection=local)).
  - The file is written atomically (a temporary file in the same directory, renamed over the target) with mode
    C(0600). It is rewritten only when the exported data differ from what it holds (the export time is not compared),
    so a second run changes nothing.
  - Passwords are exported only with O(include_passwords=true); the module then warns that the file holds them.
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes
options:
  path:
    description:
      - The file to write. Its directory must exist.
    type: path
    required: true
  content:
    description:
      - V(secrets) exports the secrets (C(GET /export/secrets)), V(audit) the audit trail (C(GET /export/audit)).
    type: str
    choices: [secrets, audit]
    default: secrets
  include_passwords:
    description:
      - Put each secret's password in the export. Zoho Vault records a C(Password Viewed) event per secret.
      - Without it, the values of sensitive custom fields (O(sensitive_custom_fields)) are exported as
        C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER); with it, as they are.
      - Only with O(content=secrets).
    type: bool
    default: false
notes:
  - Exporting the audit trail needs the Administrator or Manager role and the C(ZohoVault.audit.READ) scope;
    exporting secrets needs C(ZohoVault.audit.READ) and C(ZohoVault.secrets.READ).
  - The result never holds the exported data, only the path and a count.
seealso:
  - module: zoho.vault.audit_info
  - module: zoho.vault.secret_info
'''

EXAMPLES = r'''
- name: Back up the secrets (without passwords) next to the playbook
  zoho.vault.export:
    path: "{{ playbook_dir }}/zoho-vault-secrets.json"
  delegate_to: localhost

- name: Back up the audit trail
  zoho.vault.export:
    path: "{{ playbook_dir }}/zoho-vault-audit.json"
    content: audit
  delegate_to: localhost

- name: A full backup with passwords, kept on the controller
  zoho.vault.export:
    path: "{{ playbook_dir }}/vault-backup.json"
    include_passwords: true
  delegate_to: localhost
'''

RETURN = r'''
path:
  description: The file written (or that would be written).
  returned: always
  type: str
count:
  description: How many secrets or audit entries the export holds.
  returned: always
  type: int
content:
  description: What was exported.
  returned: always
  type: str
  sample: secrets
mode:
  description: The file mode.
  returned: always
  type: str
  sample: "0600"
diff:
  description: Before and after of the file (path, number of items, mode), never its content.
  returned: when diff mode is on
  type: dict
'''

import json
import os
import stat

from ansible_collections.zoho.vault.plugins.module_utils._errors import MalformedResponse
from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._private_files import atomic_write
from ansible_collections.zoho.vault.plugins.module_utils._changes import diff
from ansible_collections.zoho.vault.plugins.module_utils._redact import SensitiveFields

MODE = 0o600
KEYS = {'secrets': 'secrets', 'audit': 'auditlogs'}


def fetch(vault, content, include_passwords):
    """The exported items (a list) and the export time."""
    if content == 'audit':
        details, context = vault.export.audit(), 'GET /export/audit'
    else:
        details, context = vault.export.secrets(include_passwords=include_passwords), 'GET /export/secrets'
    key = KEYS[content]
    if not isinstance(details, dict) or not isinstance(details.get(key), list):
        raise MalformedResponse('the %s export has no "%s" list' % (content, key), context=context)
    items = details[key]
    total = details.get('total')
    if isinstance(total, int) and total > len(items):
        # The contract's exports are one reply; a paginated one would make a partial backup.
        raise MalformedResponse('the export returned %d of %d %s (one page); refusing to write a partial backup'
                                % (len(items), total, content), context=context,
                                hint='Report this to the zoho.vault maintainers: the export must follow pages')
    return items, details.get('exportedtime')


def conceal(module, items):
    """The secrets with their sensitive custom fields redacted (an export without passwords holds neither)."""
    sensitive = SensitiveFields.of(module.connection_options)
    for item in items:
        module.no_log_values.update(sensitive.values(item))
    return [sensitive.conceal(item) if isinstance(item, dict) else item for item in items]


def existing(path):
    """(items or None, mode or None) of the file already at ``path``."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None, None
    try:
        with open(path, 'r') as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None, mode
    if not isinstance(data, dict):
        return None, mode
    return data.get('items'), mode


def write_atomically(path, document):
    directory = os.path.dirname(os.path.abspath(path)) or '.'
    data = (json.dumps(document, indent=2, sort_keys=True) + '\n').encode('utf-8')
    atomic_write(directory, path, data, prefix='.%s.' % os.path.basename(path))


def argument_problem(path, content, include_passwords):
    """What is wrong with the arguments (a line for the user), else None."""
    if include_passwords and content != 'secrets':
        return 'include_passwords applies to content=secrets only'
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        return 'the directory of path %s does not exist; create it first' % path
    if os.path.isdir(path):
        return 'path %s is a directory; give a file name' % path
    return None


def file_diff(path, old_items, old_mode, items):
    """``--diff`` of the file: its item count and mode before and after (never the items)."""
    before = None
    if old_mode is not None:
        before = {'path': path, 'items': len(old_items), 'mode': '%04o' % old_mode} if old_items is not None else {
            'path': path, 'mode': '%04o' % old_mode}
    return diff(before, {'path': path, 'items': len(items), 'mode': '0600'}, header=path)


def main():
    module = ZohoVaultModule(
        argument_spec=dict(
            path=dict(type='path', required=True),
            content=dict(type='str', choices=['secrets', 'audit'], default='secrets'),
            include_passwords=dict(type='bool', default=False, no_log=False),
        ),
        supports_check_mode=True,
    )
    path, content, include_passwords = module.params['path'], module.params['content'], module.params['include_passwords']
    problem = argument_problem(path, content, include_passwords)
    if problem:
        module.fail_json(msg=problem)
    with module.errors(changed=False):
        items, exported = fetch(module.vault, content, include_passwords)
    if content == 'secrets' and not include_passwords:
        items = conceal(module, items)
    if include_passwords:
        module.warn('The export %s holds the plaintext passwords of %d secrets; protect and delete it like the vault itself'
                    % (path, len(items)))
    old_items, old_mode = existing(path)
    same_data = old_items is not None and old_items == json.loads(json.dumps(items))
    changed = not same_data or old_mode != MODE
    if changed and not module.check_mode:
        try:
            if same_data:
                os.chmod(path, MODE)
            else:
                write_atomically(path, {'content': content, 'exportedtime': exported, 'include_passwords': include_passwords,
                                        'items': items})
        except (OSError, IOError) as err:
            module.fail_json(msg='could not write %s: %s' % (path, err.strerror or err))
    result = dict(changed=changed, path=path, count=len(items), content=content, mode='0600')
    if module._diff:
        result['diff'] = file_diff(path, old_items, old_mode, items)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
