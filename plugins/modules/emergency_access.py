#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: emergency_access
short_description: Grant and revoke emergency access to Zoho Vault secrets
version_added: 0.1.0
description:
  - Grants a user temporary emergency access (read) to one secret, for a number of hours and with a reason
    recorded in the audit trail, or revokes it. M(zoho.vault.emergency_access_info) lists the requests.
  - V(present) is satisfied by any live grant of the user on the secret, so a second run changes nothing.
    A live grant is not extended or changed; revoke it first to grant anew.
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes
options:
  secret:
    description:
      - The name of the secret (case-insensitive); with O(chamber) when the name exists in several chambers.
      - One of O(secret) and O(secret_id) is required.
    type: str
  chamber:
    description:
      - The chamber of O(secret), by name or id.
    type: str
  secret_id:
    description:
      - The id of the secret.
    type: str
  email:
    description:
      - E-mail address of the user who gets (or loses) emergency access.
    type: str
    required: true
  duration:
    description:
      - How many hours the access lasts (1 to 720), counted from the grant.
    type: int
    default: 24
  reason:
    description:
      - Why the access is needed; required with O(state=present) and recorded by Zoho Vault.
    type: str
  state:
    description:
      - V(present) grants access unless a live grant exists, V(absent) revokes live grants.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Granting and revoking need OWNER permission on the secret.
seealso:
  - module: zoho.vault.emergency_access_info
  - module: zoho.vault.audit_info
'''

EXAMPLES = r'''
- name: Let the on-call engineer read the database secret for 4 hours
  zoho.vault.emergency_access:
    secret: Production Database
    chamber: Demo Servers
    email: oncall@example.com
    duration: 4
    reason: INC-1234 database outage

- name: Revoke it when the incident is over
  zoho.vault.emergency_access:
    secret: Production Database
    chamber: Demo Servers
    email: oncall@example.com
    state: absent
'''

RETURN = r'''
grant:
  description:
    - The live grant after the task (as it would be, in check mode); empty when there is none.
    - C(status) is derived from C(expirestime) (V(active) while it lies in the future).
  returned: always
  type: dict
  sample:
    requestid: "123456000000000077"
    secretid: "123456000000123456"
    emailid: oncall@example.com
    reason: INC-1234 database outage
    status: active
    expirestime: "2026-01-01T14:00:00Z"
requests:
  description:
    - The emergency access requests of the secret and user, after the task.
    - In check mode, as they were before it.
  returned: always
  type: list
  elements: dict
msg:
  description: A one-line summary of the change.
  returned: when something changes
  type: str
plan:
  description: The planned change (none, or one).
  returned: always
  type: list
  elements: dict
diff:
  description: Before and after of the grant (with C(--diff)).
  returned: when diff mode is on
  type: dict
'''

from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule
from ansible_collections.zoho.vault.plugins.module_utils._kinds.runner import run_single
from ansible_collections.zoho.vault.plugins.module_utils._kinds.emergency_access import EmergencyState


def main():
    module = ZohoVaultModule(
        argument_spec=dict(
            secret=dict(type='str', no_log=False),
            chamber=dict(type='str'),
            secret_id=dict(type='str'),
            email=dict(type='str', required=True),
            duration=dict(type='int', default=24),
            reason=dict(type='str'),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        required_one_of=[('secret', 'secret_id')],
        mutually_exclusive=[('secret', 'secret_id')],
        required_if=[('state', 'present', ('reason',))],
        supports_check_mode=True,
    )
    spec = dict(module.params)
    with module.errors(changed=False):
        state = EmergencyState(module.vault)
        result = run_single(module, state, spec, 'grant')
    # The write is done: a failing re-read must not hide it.
    with module.errors(**result):
        result['requests'] = state.requests(str(state.secret['secretid']), spec['email'].strip())
    module.exit_json(**result)


if __name__ == '__main__':
    main()
