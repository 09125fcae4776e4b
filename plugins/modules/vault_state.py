#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, zoho.vault contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later


DOCUMENTATION = r'''
---
module: vault_state
short_description: Reconcile a whole Zoho Vault layout with one desired-state document
version_added: 0.1.0
description:
  - Makes users, groups (with members), chambers, their secrets and the secrets' shares look as one
    document declares, Terraform-style, in one task.
  - B(Plan.) Every object of the document is compared with the vault, and is created, updated (naming the fields) or
    deleted (with O(prune)), each with its reason. The plan is returned as RV(plan) and counted in RV(summary);
    in check mode it is all that happens. With C(--diff), each change is shown as before/after text, passwords redacted.
  - B(Apply.) Creates and updates run in dependency order (users, groups, chambers, secrets, shares), deletes after them
    in the reverse order. What was applied, what failed and what was not applied is returned; a re-run converges.
  - B(Fast.) The current state comes from a handful of list calls (users, groups, chambers, secrets), not a call per
    object; share info is read only for the secrets whose O(definition.chambers[].secrets[].shares) are declared, and a
    stored password only to compare a declared one (O(update_password=always)).
  - The keys of the document are the options of the single-object modules M(zoho.vault.user), M(zoho.vault.group),
    M(zoho.vault.chamber) and M(zoho.vault.secret), and so is the planning, with the same comparisons and the same results.
  - M(zoho.vault.vault_state_info) exports the current vault as such a document (import); applying that export changes nothing.
author:
  - zoho.vault maintainers (@zoho-vault)
extends_documentation_fragment:
  - zoho.vault.connection
  - zoho.vault.attributes
options:
  definition:
    description:
      - The desired-state document. Modules run on the target host, so read a YAML file on the controller with
        C("{{ lookup('ansible.builtin.file', 'vault.yml') | from_yaml }}").
      - A top-level key that is left out means the document does not manage that kind at all (it is neither read nor
        pruned); an empty list means it manages that kind and wants none of it (with O(prune)).
      - Inside an object, an option that is left out is not managed; the vault's value is kept.
    type: dict
    required: true
    suboptions:
      users:
        description: Users of the vault, as M(zoho.vault.user) takes them. A user is found by its e-mail address.
        type: list
        elements: dict
        suboptions:
          email:
            description: E-mail address of the user (the key; compared case-insensitively).
            type: str
            required: true
          role:
            description: Role of the user.
            type: str
            choices: [Administrator, Manager, User, Read-Only]
          first_name:
            description: First name.
            type: str
          last_name:
            description: Last name.
            type: str
          state:
            description:
              - V(absent) deletes the user (nothing happens when it does not exist); left out, it is present.
              - Deletes run after every create and update, in the reverse order (shares, secrets, chambers, groups, users).
              - Nothing present in the document may need it (a group member, a share).
            type: str
            choices: [present, absent]
          protected:
            description:
              - Never delete this user, by O(prune) or by its own C(state=absent); the refusal is listed in RV(refused).
            type: bool
      groups:
        description: Groups of users, as M(zoho.vault.group) takes them. A group is found by its name.
        type: list
        elements: dict
        suboptions:
          name:
            description: Name of the group (the key; compared case-insensitively).
            type: str
            required: true
          description:
            description: Description of the group.
            type: str
          members:
            description:
              - E-mail addresses of the members; each must be a user of the vault or of O(definition.users).
              - Listed members are added; with O(prune) and V(members) in O(prune_scope), the others are removed.
            type: list
            elements: str
          state:
            description:
              - V(absent) deletes the group (nothing happens when it does not exist); left out, it is present.
              - Deletes run after every create and update, in the reverse order (shares, secrets, chambers, groups, users).
              - Nothing present in the document may need it (a share).
            type: str
            choices: [present, absent]
          protected:
            description:
              - Never delete this group, by O(prune) or by its own C(state=absent); the refusal is listed in RV(refused).
            type: bool
      chambers:
        description: Chambers (folders) with their secrets, as M(zoho.vault.chamber) takes them. A chamber is found by its name.
        type: list
        elements: dict
        suboptions:
          name:
            description:
              - Name of the chamber (the key; compared case-insensitively). Among several chambers of that name the
                caller's own is used.
            type: str
            required: true
          chamber_type:
            description: Type of a chamber (Personal chambers are made by the vault; leave this out for them).
            type: str
            choices: [Shared, Custom]
          description:
            description: Description of the chamber.
            type: str
          state:
            description:
              - V(absent) deletes the chamber (nothing happens when it does not exist); left out, it is present.
              - Deletes run after every create and update, in the reverse order (shares, secrets, chambers, groups, users).
              - Nothing present in the document may need it (its secrets must be declared absent too, or left out).
            type: str
            choices: [present, absent]
          protected:
            description:
              - Never delete this chamber nor any of its secrets (declared or not), by O(prune) or by its own
                C(state=absent); the refusal is listed in RV(refused).
            type: bool
          previous_name:
            description:
              - The name the chamber had before (Terraform's C(moved)). When no chamber is called
                O(definition.chambers[].name) but one is called this, it is renamed in place with its id, secrets
                and shares, instead of a new one being created and the old one pruned.
              - Both names existing is an error; it must not be the name of another chamber the document declares.
            type: str
          force:
            description:
              - With O(definition.chambers[].state=absent), delete the chamber together with the secrets it still holds;
                the plan names them. Without it, a chamber that holds secrets is not deleted (the plan fails naming them).
            type: bool
          secrets:
            description:
              - The secrets of the chamber, as M(zoho.vault.secret) takes them (the chamber is this one).
              - With O(prune) and V(secrets) in O(prune_scope), the chamber's secrets not listed are deleted.
            type: list
            elements: dict
            suboptions:
              name:
                description: Name of the secret (the key within the chamber; compared case-insensitively).
                type: str
                required: true
              url:
                description: URL of the secret.
                type: str
              username:
                description: User name stored in the secret.
                type: str
              password:
                description:
                  - The password. Left out, an existing secret's password is left alone (and a new secret has none,
                    unless O(definition.chambers[].secrets[].generate_password=true)).
                  - See O(update_password) for how an existing secret's password is compared.
                type: str
              generate_password:
                description:
                  - Have the vault's generator make the password when the secret is created; an existing secret keeps its own.
                  - Mutually exclusive with O(definition.chambers[].secrets[].password).
                type: bool
              password_policy:
                description: Policy of a generated password; unset keys use the generator's defaults.
                type: dict
                suboptions:
                  length:
                    description: Password length, 8 to 128.
                    type: int
                  uppercase:
                    description: Include upper-case letters.
                    type: bool
                  lowercase:
                    description: Include lower-case letters.
                    type: bool
                  numbers:
                    description: Include digits.
                    type: bool
                  symbols:
                    description: Include special characters.
                    type: bool
              notes:
                description: Notes of the secret.
                type: str
              custom_fields:
                description:
                  - Custom fields (names to values, stored as strings). Listed fields are set, others kept.
                  - Values of sensitive custom fields (O(sensitive_custom_fields)) are compared but shown redacted in the plan,
                    the diff and the saved plan, like passwords.
                type: dict
              purge_custom_fields:
                description: Remove the custom fields that O(definition.chambers[].secrets[].custom_fields) does not list.
                type: bool
              secret_type:
                description: Type of the secret (new secrets default to V(Login)).
                type: str
                choices: [Login, Server, Database, Document, Note, Credit Card, Bank Account, SSH Key, Custom]
              owner:
                description: E-mail address of the user who should own the secret; ownership is transferred when it differs.
                type: str
              state:
                description:
                  - V(absent) deletes the secret (nothing happens when it does not exist); left out, it is present.
                  - Deletes run after every create and update, in the reverse order (shares, secrets, chambers, groups, users).
                  - Nothing present in the document may need it (it is not shared then).
                type: str
                choices: [present, absent]
              protected:
                description:
                  - Never delete this secret, by O(prune) or by its own C(state=absent); the refusal is listed in RV(refused).
                type: bool
              previous_name:
                description:
                  - The name the secret had before (Terraform's C(moved)). When no secret is called
                    O(definition.chambers[].secrets[].name) in the chamber but one is called this, it is renamed in
                    place with its id, password, history and shares, instead of a new one being created and the old
                    one pruned.
                  - Both names existing is an error; it must not be the name of another secret the document declares in the chamber.
                type: str
              on_exists:
                description:
                  - V(update) makes an existing secret look as declared; V(keep) leaves it as it is (seeded once, never
                    overwritten, its password not read); V(fail) fails the plan, naming the secret.
                  - Prune still deletes what the document does not declare; a kept secret is declared.
                type: str
                choices: [update, keep, fail]
              shares:
                description:
                  - Whom the secret is shared with. Left out, the secret's shares are not managed (and not read).
                  - Listed principals get exactly the listed permissions; with O(prune) and V(shares) in O(prune_scope),
                    the others lose their share.
                type: dict
                suboptions:
                  users:
                    description: Users to share with.
                    type: list
                    elements: dict
                    suboptions:
                      email:
                        description: E-mail address of the user.
                        type: str
                        required: true
                      permissions:
                        description: The user's permissions on the secret.
                        type: list
                        elements: str
                        required: true
                        choices: [READ, WRITE, SHARE, OWNER]
                  groups:
                    description: Groups to share with.
                    type: list
                    elements: dict
                    suboptions:
                      name:
                        description: Name of the group.
                        type: str
                        required: true
                      permissions:
                        description: The group's permissions on the secret.
                        type: list
                        elements: str
                        required: true
                        choices: [READ, WRITE, SHARE, OWNER]
  prune:
    description:
      - Delete the objects inside O(prune_scope) that the document does not name. Never anything outside that scope.
    type: bool
    default: false
  prune_scope:
    description:
      - What O(prune=true) removes.
      - V(secrets) - secrets of the declared chambers that the chamber's C(secrets) does not list.
      - V(shares) - shares of a secret that declares C(shares), to users and groups it does not list.
      - V(members) - members of a declared group that declares C(members), who are not listed.
      - V(chambers) - the caller's own chambers (not Personal ones) that O(definition.chambers) does not name, together
        with their secrets. Only with a C(chambers) key in the document; with O(chambers), only among those.
      - V(groups) - groups that O(definition.groups) does not name. Only with a C(groups) key in the document.
      - V(users) - users that O(definition.users) does not name, never the caller. Only with a C(users) key in the document.
      - The default removes only what lies inside declared objects; whole chambers, groups and users are removed
        only when named here.
    type: list
    elements: str
    choices: [secrets, shares, members, chambers, groups, users]
    default: [secrets, shares, members]
  update_password:
    description:
      - V(always) compares a declared password with the stored one (one audited password read per such secret) and
        writes it when it differs.
      - V(on_create) sets a declared password only when the secret is created; existing passwords are neither read nor written.
    type: str
    choices: [always, on_create]
    default: always
  on_error:
    description:
      - What to do when a write fails while applying.
      - V(stop) applies nothing more; V(continue) goes on with the changes that do not depend on the failed one.
      - Either way the task fails and its result lists RV(applied), RV(failures) and RV(not_applied); running it again
        converges (nothing applied is duplicated).
    type: str
    choices: [stop, continue]
    default: stop
  chambers:
    description:
      - Limit the run to these chambers of the document (by name), their secrets and shares; other chambers are
        neither read nor changed. Users and groups of the document are still reconciled.
    type: list
    elements: str
  plan_file:
    description:
      - A reviewed plan, like Terraform's saved plans. In check mode, the plan is saved to this file (mode 0600; the plan
        as RV(plan) returns it, secret values redacted, and a fingerprint of what was read from the vault), to be
        reviewed, for example in a pull request.
      - Without check mode, the vault is read and the plan made again; the task applies it only if the vault is as it
        was (same fingerprint) and the plan is the saved one, and otherwise fails before any write, saying which.
      - A password in the document is not in the file; a changed declared password shows only where it changes the plan.
    type: path
notes:
  - Check mode makes no write and never calls the password generator; it reads a stored password only to compare a
    declared one with O(update_password=always).
  - Objects that the plan creates have the id C((known after apply)) in the plan and diff of check mode.
  - Changes are written by the same code as the single-object modules; a create is never duplicated, even when a
    request is retried after a timeout.
seealso:
  - module: zoho.vault.vault_state_info
  - module: zoho.vault.secret
  - module: zoho.vault.chamber
  - module: zoho.vault.group
  - module: zoho.vault.user
'''

EXAMPLES = r'''
- name: Reconcile the vault layout kept in vault.yml next to the playbook
  zoho.vault.vault_state:
    definition: "{{ lookup('ansible.builtin.file', 'vault.yml') | from_yaml }}"
    prune: true
  register: vault_plan

- name: A complete document inline
  zoho.vault.vault_state:
    definition:
      users:
        - email: alice@example.com
          role: User
          first_name: Alice
          last_name: Liddell
        - email: bob@example.com
          role: Manager
      groups:
        - name: DevOps
          description: Infrastructure team
          members: [alice@example.com, bob@example.com]
      chambers:
        - name: Production
          chamber_type: Shared
          description: Production credentials
          secrets:
            - name: Production Database
              secret_type: Database
              url: db.production.example.com
              username: db_admin
              password: "{{ db_admin_password }}"
              notes: Main production database
              custom_fields:
                port: 5432
              shares:
                users:
                  - email: alice@example.com
                    permissions: [READ]
                groups:
                  - name: DevOps
                    permissions: [READ, WRITE]
            - name: web01 root
              secret_type: Server
              username: root
              generate_password: true
              password_policy:
                length: 24
    update_password: on_create
    prune: true
    prune_scope: [secrets, shares, members]

- name: Plan only, for a pull request (exit code tells if the vault drifted)
  zoho.vault.vault_state:
    definition: "{{ lookup('ansible.builtin.file', 'vault.yml') | from_yaml }}"
  check_mode: true
  diff: true
  register: drift

- name: Show the plan
  ansible.builtin.debug:
    msg: "{{ drift.plan | map(attribute='name') | list }} ({{ drift.summary.total }} change(s))"

- name: Save the plan for review (for example as an artifact of a pull request)
  zoho.vault.vault_state:
    definition: "{{ lookup('ansible.builtin.file', 'vault.yml') | from_yaml }}"
    plan_file: "{{ playbook_dir }}/vault.plan.json"
  check_mode: true

- name: Apply exactly the reviewed plan; fail without writing if the vault or the document changed since
  zoho.vault.vault_state:
    definition: "{{ lookup('ansible.builtin.file', 'vault.yml') | from_yaml }}"
    plan_file: "{{ playbook_dir }}/vault.plan.json"

- name: Keep going past failures, then report them
  zoho.vault.vault_state:
    definition: "{{ lookup('ansible.builtin.file', 'vault.yml') | from_yaml }}"
    on_error: continue
    chambers: [Production]
'''

RETURN = r'''
plan:
  description:
    - Every change of the plan, in the order it is applied, secret values redacted.
    - C(status) is V(planned) in check mode; after applying V(applied), V(failed) (with C(error)), V(skipped)
      (a change it depends on was not applied), V(not applied) (after a failure with O(on_error=stop)) or V(unchanged)
      (found already done).
  returned: always
  type: list
  elements: dict
  sample:
    - action: update
      kind: secret
      name: Production/Production Database
      id: "123456000000123456"
      reason: differs
      path: chambers[0].secrets[0]
      status: applied
      fields:
        - {field: notes, before: old notes, after: Main production database}
    - action: create
      kind: chamber
      name: Staging
      reason: does not exist
      path: chambers[1]
      status: applied
      fields:
        - {field: chambername, before: null, after: Staging}
    - action: delete
      kind: secret
      name: Production/old key
      id: "123456000000123999"
      reason: not in the document (prune)
      status: applied
      fields: []
summary:
  description:
    - Number of changes per action and kind, and their total.
    - In Jinja write C(result.summary['update']), since C(result.summary.update) is the dictionary's own method.
  returned: always
  type: dict
  sample: {create: {chamber: 1, secret: 12}, update: {secret: 2}, delete: {secret: 1}, total: 16}
refused:
  description:
    - The deletes the plan refused because the object is protected (O(definition.chambers[].protected) and the like),
      with the reason; they are not in RV(plan).
  returned: always
  type: list
  elements: dict
  sample:
    - {action: delete, kind: secret, name: Production/old key, reason: "not in the document (prune), but chamber 'Production' is protected"}
ids:
  description:
    - The id of every user, group, chamber and secret the document declares, created ones included, by kind and then by
      the document's label (an e-mail address, a group or chamber name, C(chamber/secret) for a secret), for later tasks.
    - A deleted object has none; an object not created yet (check mode, or a failed write) has C((known after apply)).
  returned: always
  type: dict
  sample:
    chambers: {Production: "123456000000000101"}
    secrets: {Production/API key: "123456000000000102"}
    users: {ops@example.com: "123456000000000007"}
applied:
  description: The changes applied, one line each.
  returned: when not in check mode
  type: list
  elements: str
  sample: ["create chamber 'Staging': does not exist"]
failures:
  description: The changes whose write failed, with the error.
  returned: when not in check mode
  type: list
  elements: dict
  sample: [{change: "create secret 'Staging/api key': does not exist", error: "POST /secrets: HTTP 500 - server fault"}]
not_applied:
  description: The changes not applied (after a failure, or because a change they depend on failed).
  returned: when not in check mode
  type: list
  elements: str
diff:
  description:
    - With C(--diff), one entry per change, before and after as YAML-like text, passwords shown as
      C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER).
  returned: when diff mode is on
  type: list
  elements: dict
msg:
  description: What happened, in one line.
  returned: always
  type: str
  sample: "3 change(s) applied: create 1 chamber, create 2 secret"
'''

from ansible_collections.zoho.vault.plugins.module_utils._vault_state import saved_plan
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.engine import Engine
from ansible_collections.zoho.vault.plugins.module_utils._vault_state.schema import (
    DEFAULT_PRUNE_SCOPE, PRUNE_KINDS, Document, declared_custom_fields, document_argument_spec,
)
from ansible_collections.zoho.vault.plugins.module_utils._kinds.secret import declared_sensitive_values
from ansible_collections.zoho.vault.plugins.module_utils._errors import VaultError
from ansible_collections.zoho.vault.plugins.module_utils._module import ZohoVaultModule


def argument_spec():
    return dict(
        definition=document_argument_spec(),
        prune=dict(type='bool', default=False),
        prune_scope=dict(type='list', elements='str', choices=list(PRUNE_KINDS), default=list(DEFAULT_PRUNE_SCOPE)),
        update_password=dict(type='str', choices=['always', 'on_create'], default='always', no_log=False),
        on_error=dict(type='str', choices=['stop', 'continue'], default='stop'),
        chambers=dict(type='list', elements='str'),
        plan_file=dict(type='path'),
    )


def describe(summary):
    parts = []
    for action in ('create', 'update', 'delete'):
        for kind, count in sorted(summary[action].items()):
            parts.append('%s %d %s' % (action, count, kind))
    return ', '.join(parts)


def main():
    module = ZohoVaultModule(argument_spec=argument_spec(), supports_check_mode=True,
                             hidden_values=lambda params: declared_sensitive_values(params, declared_custom_fields(params.get('definition'))))
    params = module.params
    with module.errors(changed=False):
        document = Document.from_params(params['definition'], prune=params['prune'], prune_scope=params['prune_scope'],
                                        update_password=params['update_password'], chambers=params['chambers'])
        engine = Engine(module.vault, document, check_mode=module.check_mode, diff=module._diff, hide=module.no_log_values.update)
        engine.load()
        engine.plan()
        if params['plan_file']:
            (saved_plan.save if module.check_mode else saved_plan.check)(params['plan_file'], engine, engine.result())
    if not module.check_mode:
        try:
            engine.apply(on_error=params['on_error'])
        except VaultError as err:  # pragma: no cover - apply records errors per change
            module.fail_on_error(err, **engine.result())
    result = engine.result()
    total = result['summary']['total']
    if module.check_mode:
        result['msg'] = '%d change(s) planned%s' % (total, ': ' + describe(result['summary']) if total else '')
        if params['plan_file']:
            result['msg'] += '; saved to %s' % params['plan_file']
    else:
        failed = engine.failures()
        if failed:
            result['msg'] = ('%d of %d change(s) failed, %d applied, %d not applied; first failure: %s: %s. '
                             'Fix the cause and run again: applied changes are kept and nothing is duplicated'
                             % (len(failed), total, len(result['applied']), len(result['not_applied']), failed[0].summary(), failed[0].error))
            module.fail_json(**result)
        result['msg'] = '%d change(s) applied%s' % (total, ': ' + describe(result['summary']) if total else '')
    module.exit_json(**result)


if __name__ == '__main__':
    main()
