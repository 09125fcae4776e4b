# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection version, used in the User-Agent (a unit test keeps it equal to galaxy.yml)."""


COLLECTION_NAME = 'zoho.vault'
COLLECTION_VERSION = '0.1.0'
