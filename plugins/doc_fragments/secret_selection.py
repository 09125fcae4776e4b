# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


class ModuleDocFragment:
    """How the read-only secret modules (secret_info, secret_share_info) select secrets: one place for both."""

    DOCUMENTATION = r'''
    options:
      secret_id:
        description:
          - The id of one secret. Nothing is returned when no such secret is visible to the caller.
        type: str
      name:
        description:
          - The name of a secret (exact, case-insensitive). Every visible secret of that name is returned
            (one per chamber at most); combine with O(chamber) to pick one.
        type: str
      chamber:
        description:
          - A chamber by name or id (an all-digit value is an id). Alone, it selects the secrets of that chamber;
            with O(name) or a search filter, it restricts the search to that chamber.
        type: str
      search_text:
        description:
          - Search text, matched case-insensitively as a substring of the name, URL, user name and notes (C(searchtext)).
        type: str
      secret_type:
        description:
          - Only secrets of this type (C(secrettype)).
        type: str
        choices: [Login, Server, Database, Document, Note, Credit Card, Bank Account, SSH Key, Custom]
      username:
        description:
          - Only secrets whose user name contains this text.
        type: str
      url:
        description:
          - Only secrets whose URL contains this text (C(secreturl)).
        type: str
      owner:
        description:
          - Only secrets owned by this user (e-mail address, case-insensitive).
        type: str
      password_older_than_days:
        description:
          - Only secrets whose password was last set more than this many days ago (C(passwordmodifiedtime), else the
            secret's modification or creation time); for example the ones a rotation policy says are due.
          - A secret whose times the API does not give is left out.
        type: int
      shared_with_user:
        description:
          - Only secrets shared directly with this user (e-mail address). Costs one share information call per candidate
            secret; narrow the selection (O(chamber), a search filter) on a large vault.
        type: str
      shared_with_group:
        description:
          - Only secrets shared with this group (name or id). One group listing, and one share information call per candidate secret.
        type: str
    '''
