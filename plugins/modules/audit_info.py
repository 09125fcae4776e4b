#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: audit_info
short_description: Read the Zoho Vault audit trail
version_added: 0.1.0
description:
  - Returns the audit log entries of one secret, or of the whole organisation, optionally within a date range
    and only for some events or one user.
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes.info_module
options:
  secret:
    description:
      - The name of a secret (case-insensitive) whose audit log is wanted; with O(chamber) when the name exists
        in several chambers. Without O(secret) and O(secret_id), the whole audit trail is read
        (Administrator or Manager role).
    type: str
  chamber:
    description:
      - The chamber of O(secret), by name or id.
    type: str
  secret_id:
    description:
      - The id of the secret whose audit log is wanted.
    type: str
  from_date:
    description:
      - First day (UTC, inclusive), as C(YYYY-MM-DD).
    type: str
  to_date:
    description:
      - Last day (UTC, inclusive), as C(YYYY-MM-DD).
    type: str
  events:
    description:
      - Only entries of these events.
    type: list
    elements: str
    choices: [Secret Created, Secret Updated, Secret Deleted, Secret Accessed, Secret Shared, Secret Unshared, Password Viewed, Password Copied]
  user_email:
    description:
      - Only entries of actions by this user.
    type: str
seealso:
  - module: zoho.vault.export
'''

EXAMPLES = r'''
- name: Who viewed the database password this month
  zoho.vault.audit_info:
    secret: Production Database
    chamber: Demo Servers
    from_date: "{{ '%Y-%m-01' | strftime }}"
    events: [Password Viewed]
  register: viewed

- name: Everything one user did on a given day
  zoho.vault.audit_info:
    from_date: "2026-01-15"
    to_date: "2026-01-15"
    user_email: admin@example.com
  register: day
'''

RETURN = r'''
auditlogs:
  description: The audit log entries, oldest first as the API returns them.
  returned: always
  type: list
  elements: dict
  sample:
    - auditid: "123456000000000901"
      event: Password Viewed
      secretid: "123456000000123456"
      secretname: Production Database
      user_email: admin@example.com
      timestamp: "2026-01-15T10:00:00Z"
count:
  description: How many entries were returned.
  returned: always
  type: int
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._audit_query import EVENTS, date_range, filter_logs
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import SecretState
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret_share import secret_ref


def main():
    module = ZohoVaultModule(
        argument_spec=dict(
            secret=dict(type='str', no_log=False),
            chamber=dict(type='str'),
            secret_id=dict(type='str'),
            from_date=dict(type='str'),
            to_date=dict(type='str'),
            events=dict(type='list', elements='str', choices=list(EVENTS)),
            user_email=dict(type='str'),
        ),
        mutually_exclusive=[('secret', 'secret_id')],
        required_by={'chamber': 'secret'},
        supports_check_mode=True,
    )
    params = module.params
    with module.errors(changed=False):
        start, end = date_range(params['from_date'], params['to_date'])
        secret_id = params['secret_id']
        if params['secret']:
            secret_id = str(SecretState(module.vault).lookup(secret_ref(params))['secretid'])
        logs = module.vault.audit.list(secret_id=secret_id, from_date=start, to_date=end)
        logs = filter_logs(logs, params['events'], params['user_email'], start, end)
    module.exit_json(changed=False, auditlogs=logs, count=len(logs))


if __name__ == '__main__':
    main()
