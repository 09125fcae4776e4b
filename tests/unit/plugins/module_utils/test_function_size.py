# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""No function of the collection's Python code is longer, or branches more, than a reader can hold."""

import ast
import pathlib

import pytest

PLUGINS = pathlib.Path(__file__).resolve().parents[4] / 'plugins'
FILES = sorted(PLUGINS.rglob('*.py'))
MAX_LINES, MAX_BRANCHES = 40, 25
BRANCHES = (ast.If, ast.For, ast.While, ast.Try, ast.IfExp, ast.BoolOp, ast.comprehension, ast.ExceptHandler)


def _functions():
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield str(path.relative_to(PLUGINS)), node


@pytest.mark.parametrize('limit', ['lines', 'branches'])
def test_functions_stay_small(limit):
    too_big = []
    for where, node in _functions():
        lines = node.end_lineno - node.lineno + 1
        branches = sum(isinstance(n, BRANCHES) for n in ast.walk(node))
        if (lines > MAX_LINES) if limit == 'lines' else (branches > MAX_BRANCHES):
            too_big.append('%s:%s %d lines, %d branches' % (where, node.name, lines, branches))
    assert too_big == []
