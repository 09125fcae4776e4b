# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""``terraform-provider-zohovault``: what Terraform starts (the plugin), and ``--install-mirror`` for users.

Started by Terraform, it prints the go-plugin handshake line on stdout and serves the plugin protocol;
nothing else may print on stdout then. ``--install-mirror [DIR]`` writes a launcher of this executable
into Terraform's implied local mirror (``~/.terraform.d/plugins`` by default), so that ``terraform init``
finds the provider without a registry and without the warning of ``dev_overrides``.
"""

from __future__ import annotations

import os
import platform
import sys
from typing import List, Optional

from terraform_provider_zohovault import __version__

HOSTNAME, NAMESPACE, TYPE = 'terraform.local', 'zoho', 'zohovault'
USAGE = '''usage: terraform-provider-zohovault [--install-mirror [DIR] | --version]

Terraform starts this program itself (provider source "%s/%s/%s").
  --install-mirror [DIR]  write a launcher into Terraform's local mirror DIR (default ~/.terraform.d/plugins)
  --version               print the version
''' % (HOSTNAME, NAMESPACE, TYPE)


def _platform() -> str:
    machine = platform.machine().lower()
    arch = {'x86_64': 'amd64', 'amd64': 'amd64', 'aarch64': 'arm64', 'arm64': 'arm64'}.get(machine, machine)
    return '%s_%s' % (sys.platform if sys.platform != 'linux' else 'linux', arch)


def install_mirror(directory: Optional[str] = None) -> str:
    """Write ``<dir>/<host>/<namespace>/<type>/<version>/<os_arch>/terraform-provider-<type>_v<version>``; its path."""
    base = os.path.expanduser(directory or os.path.join('~', '.terraform.d', 'plugins'))
    folder = os.path.join(base, HOSTNAME, NAMESPACE, TYPE, __version__, _platform())
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, 'terraform-provider-%s_v%s' % (TYPE, __version__))
    # The launcher runs this very interpreter, so the provider finds the packages of the environment it was installed in.
    script = '#!/bin/sh\nexec %s -m terraform_provider_zohovault "$@"\n' % sys.executable
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(script)
    os.chmod(path, 0o755)
    return path


def serve() -> int:
    from terraform_provider_zohovault._collection import CollectionNotFound, ensure_importable
    try:
        ensure_importable()
    except CollectionNotFound as err:
        print('terraform-provider-zohovault: %s' % err, file=sys.stderr)
        return 1
    from tf.runner import run_provider

    from terraform_provider_zohovault.provider import ZohoVaultProvider
    run_provider(ZohoVaultProvider(), sys.argv)
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ['--version']:
        print(__version__)
        return 0
    if args[:1] in (['--help'], ['-h']):
        print(USAGE, end='')
        return 0
    if args[:1] == ['--install-mirror']:
        print(install_mirror(args[1] if len(args) > 1 else None))
        return 0
    if os.isatty(0) and not os.environ.get('TF_PLUGIN_MAGIC_COOKIE'):
        print(USAGE, end='', file=sys.stderr)
        return 2
    return serve()


if __name__ == '__main__':
    sys.exit(main())
