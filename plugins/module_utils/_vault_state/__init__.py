# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A whole vault layout as one desired-state document (the vault_state and vault_state_info modules).

- ``schema``: the document's argument spec (the single-object modules' option names) and its checks;
- ``snapshot``: the current state from a few bulk list calls, and a read-through Vault facade over it;
- ``engine``: plan (through the ``_kinds`` classes), prune scope, ordered apply, on_error, result;
- ``snapshot_shares``: ``_kinds.secret_share.ShareState`` fed with share info from the snapshot;
- ``render``: readable ``--diff`` text and the summary;
- ``importer``: the current vault as a document of the same schema (vault_state_info).
"""
