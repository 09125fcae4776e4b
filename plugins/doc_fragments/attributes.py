# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    """The common C(attributes:) of the collection's modules.

    C(zoho.vault.attributes) for modules that change things (check mode and diff mode
    fully supported), C(zoho.vault.attributes.info_module) for read-only modules.
    """

    # Modules that change state: truthful check mode, --diff with secrets redacted.
    DOCUMENTATION = r'''
    options: {}
    attributes:
      check_mode:
        description: Can run in C(check_mode) and return changed status prediction without modifying target.
        support: full
        details:
          - Check mode makes no write to Zoho Vault and reports the same C(changed) as the real run would.
      diff_mode:
        description: Will return details on what has changed (or possibly needs changing in C(check_mode)), when in diff mode.
        support: full
        details:
          - Passwords and other secret fields are shown as C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER) in the diff, never in clear.
      platform:
        description: Target OS/families that can be operated against.
        support: N/A
        details:
          - The module talks to the Zoho Vault API over HTTPS; it runs on any host with Python and C(requests), usually C(localhost).
        platforms: posix
    '''

    # Read-only modules: never change anything.
    INFO_MODULE = r'''
    options: {}
    attributes:
      check_mode:
        description: Can run in C(check_mode) and return changed status prediction without modifying target.
        support: full
        details:
          - This is a read-only module; it runs the same in check mode and always reports C(changed=false).
      diff_mode:
        description: Will return details on what has changed (or possibly needs changing in C(check_mode)), when in diff mode.
        support: N/A
        details:
          - This is a read-only module; it changes nothing and returns no diff.
      platform:
        description: Target OS/families that can be operated against.
        support: N/A
        details:
          - The module talks to the Zoho Vault API over HTTPS; it runs on any host with Python and C(requests), usually C(localhost).
        platforms: posix
    '''
