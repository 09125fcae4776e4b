# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every example of the provider docs (Terraform Registry layout) is run: apply, a no-change plan, the
documented import commands into an empty state, a no-change plan again, destroy."""

from __future__ import annotations

import glob
import os
import re
from typing import Any, List

import pytest

from conftest import ROOT

DOCS = os.path.join(ROOT, 'terraform-provider', 'docs')
PAGES = sorted(os.path.relpath(p, DOCS) for p in glob.glob(os.path.join(DOCS, '**', '*.md'), recursive=True))


def blocks(text: str, language: str) -> List[str]:
    return re.findall(r'^```%s\n(.*?)^```' % language, text, flags=re.S | re.M)


def test_every_resource_and_data_source_has_a_page() -> None:
    assert 'index.md' in PAGES
    for kind in ('secret', 'chamber', 'user', 'group', 'secret_share'):
        assert 'resources/%s.md' % kind in PAGES
    for kind in ('secret', 'secrets', 'chamber', 'user', 'group'):
        assert 'data-sources/%s.md' % kind in PAGES


@pytest.mark.parametrize('page', PAGES)
def test_example(page: str, workspace: Any) -> None:
    with open(os.path.join(DOCS, page), encoding='utf-8') as handle:
        text = handle.read()
    examples = blocks(text, 'terraform')
    assert examples, '%s has no terraform example' % page
    config = '\n'.join(examples)
    if 'required_providers' in config:
        with open(os.path.join(workspace.path, 'main.tf'), 'w', encoding='utf-8') as handle:
            handle.write(config)
    else:
        workspace.write(config)  # with HEADER, the required_providers block
    workspace.apply()
    assert workspace.plan().returncode == 0
    imports = [line.split()[2:] for block in blocks(text, 'shell') for line in block.splitlines() if line.startswith('terraform import ')]
    if page.startswith('resources/'):
        assert imports, '%s documents no import' % page
    if imports:
        workspace.forget()
        for address, import_id in imports:
            workspace.run('import', address, import_id)
        plan = workspace.plan()
        assert plan.returncode == 0, plan.stdout + plan.stderr
    workspace.destroy()
