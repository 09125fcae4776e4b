# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The examples of README.md and the guides that write a secret into a file must not print it under --diff.

A task like ``ansible.builtin.template`` shows the rendered file as its diff, password included: readers copy
the examples, so every such task there carries ``diff: false`` (or ``no_log: true``).
"""


import glob
import os
import re
import textwrap

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
# Modules whose --diff shows the content they write.
WRITERS = {'template', 'copy', 'lineinfile', 'blockinfile', 'replace', 'ini_file'}
SECRET = re.compile(r"password|passwd|secret|token|lookup\(\s*'zoho\.vault\.", re.IGNORECASE)
RST_BLOCK = re.compile(r'^(\s*(?:[*-] )*)\.\. code-block:: yaml')


def markdown_blocks(text):
    return re.findall(r'^```ya?ml\n(.*?)^```', text, re.MULTILINE | re.DOTALL)


def rst_blocks(text):
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = RST_BLOCK.match(line)
        if not match:
            continue
        indent, body = len(match.group(1)), []
        for following in lines[index + 1:]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            body.append(following)
        yield textwrap.dedent('\n'.join(body))


def example_blocks():
    for path in [os.path.join(ROOT, 'README.md')] + sorted(glob.glob(os.path.join(ROOT, 'docs', 'docsite', 'rst', '*.rst'))):
        with open(path, encoding='utf-8') as handle:
            text = handle.read()
        for block in (markdown_blocks(text) if path.endswith('.md') else rst_blocks(text)):
            yield os.path.relpath(path, ROOT), block


def tasks_writing_secrets(node):
    """Every task (a mapping naming a file-writing module) whose text mentions a secret."""
    if isinstance(node, list):
        for item in node:
            yield from tasks_writing_secrets(item)
    elif isinstance(node, dict):
        modules = [key for key in node if isinstance(key, str) and key.rsplit('.', 1)[-1] in WRITERS]
        if modules and SECRET.search(yaml.safe_dump(node)):
            yield node
        for value in node.values():
            yield from tasks_writing_secrets(value)


def parsed(source, block):
    try:
        return yaml.safe_load(block)
    except yaml.YAMLError as exc:
        return exc


def collect():
    found = []
    for source, block in example_blocks():
        document = parsed(source, block)
        if not isinstance(document, yaml.YAMLError):
            found.extend((source, task) for task in tasks_writing_secrets(document))
    return found


def test_every_yaml_example_parses():
    # An example that is not YAML would escape the check below (and fail the reader who copies it).
    broken = ['%s: %s' % (source, str(error).splitlines()[0]) for source, error in
              ((source, parsed(source, block)) for source, block in example_blocks()) if isinstance(error, yaml.YAMLError)]
    assert broken == []


def test_the_readme_has_such_an_example():
    # Guards the parser: the check below must look at real tasks, at least the README's first example.
    assert any(source == 'README.md' for source, _task in collect())


@pytest.mark.parametrize('source, task', collect(), ids=lambda value: value if isinstance(value, str) else value.get('name'))
def test_examples_writing_a_secret_to_a_file_hide_the_diff(source, task):
    assert task.get('diff') is False or task.get('no_log') is True, \
        '%s: task %r writes a secret into a file and would print it under --diff' % (source, task.get('name'))
