# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""AWX / Automation Platform credential plugins for Zoho Vault.

``zoho_vault_secret`` fetches a field of a secret at job launch; ``zoho_vault_token`` hands jobs an access
token minted once per token lifetime by the control plane. Both run the zoho.vault collection's own client,
which the wheel carries as ``ansible_collections.zoho.vault``.
"""

__version__ = '0.1.0'
