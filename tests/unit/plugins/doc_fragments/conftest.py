# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Make the collection importable for plain pytest (ansible-test units does it by itself).

Under ``ansible-test units`` the collection is importable already; under plain pytest this
conftest makes ``ansible_collections.zoho.vault`` importable through a temporary
``<tmp>/ansible_collections/zoho/vault`` symlink to the repository root.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import os
import sys
import tempfile


def _ensure_collection_importable():
    try:
        import ansible_collections.zoho.vault.plugins.module_utils._errors  # noqa: F401  pylint: disable=unused-import
        return
    except ImportError:
        pass
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
    base = tempfile.mkdtemp(prefix='zoho-vault-units-')
    os.makedirs(os.path.join(base, 'ansible_collections', 'zoho'))
    os.symlink(root, os.path.join(base, 'ansible_collections', 'zoho', 'vault'))
    sys.path.insert(0, base)
    for name in list(sys.modules):
        if name == 'ansible_collections' or name.startswith('ansible_collections.'):
            del sys.modules[name]


_ensure_collection_importable()
