# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``python -m terraform_provider_zohovault``: what the local-mirror launcher runs."""

import sys

from terraform_provider_zohovault.main import main

sys.exit(main())
