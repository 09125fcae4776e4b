# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The lookups' option definitions, parsed once per user and version instead of once per worker process.

Ansible parses a plugin's DOCUMENTATION with its doc fragments (about 24 kB of YAML for a zoho.vault
lookup, some 12 ms) in every worker process that first uses the plugin, unless the process already
holds the plugin's option definitions: 900 times per run for 300 hosts x 3 tasks. The first process
that ran a lookup writes Ansible's own definitions (JSON; names, types, defaults and sources of the
options, never a value) into the agent's private directory, under a digest of the ansible-core
version and of the documentation sources; later processes register them when the plugin module is
imported, which Ansible does before it looks for them. No file, another digest or a file that is
not the user's own: Ansible parses the documentation as usual.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat

from ansible import constants as C
from ansible.release import __version__ as ANSIBLE_VERSION

from ansible_collections.zoho.vault.plugins.plugin_utils._agent import AgentUnavailable, check_owned, default_directory, ensure_private_directory
from ansible_collections.zoho.vault.plugins.module_utils._private_files import atomic_write

FRAGMENTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'doc_fragments')


def definitions_path(name: str, documentation: str) -> str:
    digest = hashlib.sha256(ANSIBLE_VERSION.encode('utf-8') + b'\0' + documentation.encode('utf-8'))
    for entry in sorted(os.listdir(FRAGMENTS)):
        if entry.endswith('.py'):
            with open(os.path.join(FRAGMENTS, entry), 'rb') as handle:
                digest.update(handle.read())
    return os.path.join(default_directory(), 'options-%s-%s.json' % (name.rsplit('.', 1)[-1], digest.hexdigest()[:32]))


def preload(name: str, documentation: str) -> bool:
    """Register the definitions an earlier process saved; False when there are none to trust."""
    try:
        if C.config.has_configuration_definition('lookup', name):
            return True
        path = definitions_path(name, documentation)
        check_owned(path, stat.S_IFREG, 'regular file')
        with open(path, 'rb') as handle:
            definitions = json.load(handle)
    except (OSError, ValueError, AgentUnavailable):
        return False
    if not definitions or not isinstance(definitions, dict) or not all(isinstance(spec, dict) for spec in definitions.values()):
        return False
    C.config.initialize_plugin_configuration_definitions('lookup', name, definitions)
    return True


def save(name: str, documentation: str) -> None:
    """Write Ansible's definitions of ``name`` for the next processes (once per version of the documentation)."""
    try:
        path = definitions_path(name, documentation)
        if os.path.lexists(path):
            return
        definitions = C.config.get_configuration_definitions('lookup', name)
        if not definitions:
            return  # Ansible registered them under another name: nothing to share
        ensure_private_directory(os.path.dirname(path))
        atomic_write(os.path.dirname(path), path, json.dumps(definitions).encode('utf-8'))
        _forget_other_versions(path)
    except (OSError, TypeError, ValueError, AgentUnavailable):
        pass  # the next process parses the documentation, as Ansible always does


def _forget_other_versions(path: str) -> None:
    """Remove the definitions of the same lookup saved for another version of the documentation or of Ansible."""
    directory, current = os.path.split(path)
    prefix = current.rsplit('-', 1)[0] + '-'
    for entry in os.listdir(directory):
        if entry.startswith(prefix) and entry.endswith('.json') and entry != current:
            os.unlink(os.path.join(directory, entry))
