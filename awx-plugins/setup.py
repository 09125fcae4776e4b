# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The wheel carries the zoho.vault collection it was built beside, as ``ansible_collections/zoho/vault``.

An AWX control plane has no Ansible collections installed (they live in execution environments), so the
plugins cannot find the collection at run time the way the Terraform provider does. Instead the build
takes the collection's ``plugins/`` tree (and ``meta/runtime.yml``, ``galaxy.yml``) from the checkout, or
from the ``_collection/`` folder of an sdist made from the checkout, and puts it into the wheel where the
``ansible`` PyPI package puts its collections. Nothing is copied into git.
"""

import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = os.path.dirname(os.path.abspath(__file__))
# What of the collection the plugins need (plugins/) and what makes the copy a valid collection for ansible-core.
PARTS = ('plugins', os.path.join('meta', 'runtime.yml'), 'galaxy.yml')
TARGET = os.path.join('ansible_collections', 'zoho', 'vault')
IGNORE = shutil.ignore_patterns('__pycache__', '*.pyc')


def _is_collection(path):
    galaxy = os.path.join(path, 'galaxy.yml')
    if not (os.path.isfile(galaxy) and os.path.isdir(os.path.join(path, 'plugins', 'module_utils'))):
        return False
    with open(galaxy, encoding='utf-8') as handle:
        text = handle.read()
    return 'namespace: zoho' in text and 'name: vault' in text


def collection_root():
    for candidate in (os.path.dirname(HERE), os.path.join(HERE, '_collection')):
        if _is_collection(candidate):
            return candidate
    raise SystemExit('zoho-vault-awx: build it from a zoho.vault checkout (pip install ./awx-plugins): '
                     'the collection is not beside this folder')


def copy_collection(destination):
    root = collection_root()
    for part in PARTS:
        source, target = os.path.join(root, part), os.path.join(destination, part)
        if os.path.isdir(source):
            shutil.copytree(source, target, ignore=IGNORE, dirs_exist_ok=True)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(source, target)


class BuildWithCollection(build_py):
    def run(self):
        super().run()
        target = os.path.join(self.build_lib, TARGET)
        # A build directory left by an earlier build would otherwise ship files the collection has since dropped.
        shutil.rmtree(target, ignore_errors=True)
        copy_collection(target)


class SdistWithCollection(sdist):
    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        copy_collection(os.path.join(base_dir, '_collection'))


setup(cmdclass={'build_py': BuildWithCollection, 'sdist': SdistWithCollection})
