"""Run the EXAMPLES block of every module and lookup of the collection against the emulator.

    python run_examples.py COLLECTION_ROOT INTEGRATION_CONFIG LOG_DIR [PLUGIN ...]

For each plugin (plugins/modules/*.py, plugins/lookup/*.py, and any other plugin type with EXAMPLES),
in name order, or only the named ones (``zoho.vault.secret`` or ``secret``):

1. reset the emulator and seed it with seed.yml (the users, groups, chambers, secrets and shares the
   examples refer to), through the API with an administrator token from the control plane, and put
   seed.yml's ``files`` next to the playbook;
2. write the EXAMPLES block, as it is, as the tasks of a play on localhost whose ``module_defaults``
   give ``group/zoho.vault.all`` the connection, while lookups read the ``zoho_vault_*`` variables of
   the integration config; the extra variables the examples use come from seed.yml's ``vars``;
3. run ansible-playbook (-vvvv, output in LOG_DIR) and record whether it passed.

The exceptions in exceptions.yml (each with its reason) drop one task, or a whole plugin. A plugin
without EXAMPLES fails.

Then every playbook of the guides (docs/docsite/rst/*.rst) whose code block follows the comment
``.. zoho-vault-docs-test: run`` runs the same way, except that the connection comes from the
ZOHO_VAULT_* environment variables, as a reader following the guide would set them, and the extra
variables from seed.yml's ``guide_vars`` (give "guides", or a guide's name, to run only those).

The exit status is 1 when anything failed, and the failures are named on the last line.
"""
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
NAMESPACE = "zoho.vault"
# The connection options every module gets through module_defaults (values: the integration config's variables).
CONNECTION = ("api_url", "accounts_url", "client_id", "client_secret", "refresh_token", "token_cache_dir")


class SeedError(Exception):
    pass


def expand(value):
    """${VAR} in seed strings comes from the environment (canary passwords)."""
    if isinstance(value, str):
        missing = [name for name in re.findall(r"\$\{(\w+)\}", value) if name not in os.environ]
        if missing:
            raise SeedError("seed.yml uses unset environment variables: %s" % ", ".join(missing))
        return os.path.expandvars(value)
    if isinstance(value, list):
        return [expand(v) for v in value]
    if isinstance(value, dict):
        return dict((k, expand(v)) for k, v in value.items())
    return value


def examples_of(path):
    """The EXAMPLES string of a plugin file (a module-level assignment), or None."""
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXAMPLES" for t in node.targets):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                return node.value.value
    return None


def discover(root):
    plugins = []
    base = os.path.join(root, "plugins")
    for kind in sorted(os.listdir(base)):
        if kind in ("module_utils", "plugin_utils", "doc_fragments") or not os.path.isdir(os.path.join(base, kind)):
            continue
        for name in sorted(os.listdir(os.path.join(base, kind))):
            if name.endswith(".py") and not name.startswith("_"):
                plugins.append((kind, "%s.%s" % (NAMESPACE, name[:-3]), os.path.join(base, kind, name)))
    return plugins


class Emulator(object):
    def __init__(self, config):
        self.config = config
        self.token = None

    def _call(self, url, method, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Zoho-oauthtoken " + token
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return json.load(reply)
        except urllib.error.HTTPError as err:
            raise SeedError("%s %s: HTTP %s %s" % (method, url, err.code, err.read().decode(errors="replace")[:300]))

    def control(self, method, path, body=None):
        return self._call(self.config["zoho_vault_emulator_url"] + "/_emulator" + path, method, body or {})

    def api(self, method, path, operation=None, data=None):
        body = {"operation": {"name": operation}, "data": data} if operation else None
        reply = self._call(self.config["zoho_vault_api_url"] + path, method, body, self.token)
        return reply["operation"].get("details") or {}

    def reset_and_seed(self, seed):
        self.control("POST", "/reset")
        self.token = self.control("POST", "/access_tokens", {"emailid": self.config["zoho_vault_admin_email"]})["access_token"]
        for user in seed.get("users", []):
            self.api("POST", "/users", "ADD_USER", user)
        groups = {}
        for group in seed.get("groups", []):
            groups[group["groupname"]] = self.api("POST", "/groups", "ADD_GROUP", group)["groupid"]
        chambers = {}
        for chamber in seed.get("chambers", []):
            chambers[chamber["chambername"]] = self.api("POST", "/chambers", "ADD_CHAMBER", chamber)["chamberid"]
        secrets = {}
        for secret in seed.get("secrets", []):
            data = dict((k, v) for k, v in expand(secret).items() if k != "chamber")
            if "chamber" in secret:
                data["chamberid"] = chambers[secret["chamber"]]
            created = self.api("POST", "/secrets", "ADD_SECRET", data)
            secrets["%s/%s" % (secret.get("chamber", ""), secret["secretname"])] = created["secretid"]
        for share in seed.get("shares", []):
            data = {}
            if share.get("users"):
                data["users"] = share["users"]
            if share.get("groups"):
                data["groups"] = [{"groupid": groups[g["group"]], "permissions": g["permissions"]} for g in share["groups"]]
            self.api("POST", "/secrets/%s/share" % secrets[share["secret"]], "SHARE_SECRET", data)
        self.token = None


def shadow_fixture(entries, directory):
    """A shadow file with SHA-512 hashes of the given passwords (for zoho.vault.local_password_verify)."""
    lines = []
    for entry in entries:
        password = expand(entry["password"])
        salt = os.urandom(6).hex()
        hashed = subprocess.check_output(["openssl", "passwd", "-6", "-salt", salt, "-stdin"],
                                         input=password.encode()).decode().strip()
        lines.append("%s:%s:19000:0:99999:7:::" % (entry["name"], hashed))
    path = os.path.join(directory, "shadow")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(path, 0o600)
    return path


GUIDE_MARKER = ".. zoho-vault-docs-test: run"


def guide_playbooks(root):
    """(guide, n, plays) for every code block of docs/docsite/rst/*.rst that follows the comment GUIDE_MARKER."""
    found = []
    docs = os.path.join(root, "docs", "docsite", "rst")
    for name in sorted(os.listdir(docs)) if os.path.isdir(docs) else []:
        if not name.endswith(".rst"):
            continue
        lines = open(os.path.join(docs, name), encoding="utf-8").read().splitlines()
        armed, index = False, 0
        for number, line in enumerate(lines):
            if line.strip() == GUIDE_MARKER:
                armed = True
                continue
            match = re.match(r"^(\s*)\.\. code-block::", line)
            if not (armed and match):
                continue
            armed, indent, body = False, len(match.group(1)), []
            for following in lines[number + 1:]:
                if following.strip() and len(following) - len(following.lstrip()) <= indent:
                    break
                body.append(following)
            plays = yaml.safe_load(textwrap.dedent("\n".join(body)))
            if not (isinstance(plays, list) and plays and all(isinstance(p, dict) and "hosts" in p for p in plays)):
                raise SeedError("%s line %d: a block marked %r must be a playbook" % (name, number + 1, GUIDE_MARKER))
            index += 1
            found.append((name[:-4], index, plays))
    return found


def connection_env(config):
    names = ("api_url", "accounts_url", "client_id", "client_secret", "refresh_token")
    return dict(("ZOHO_VAULT_" + name.upper(), str(config["zoho_vault_" + name])) for name in names)


def playbook_for(plugin, tasks, extra_defaults):
    defaults = {"group/%s.all" % NAMESPACE: dict((name, "{{ zoho_vault_%s }}" % name) for name in CONNECTION)}
    defaults.update(extra_defaults)
    if tasks and isinstance(tasks[0], dict) and "hosts" in tasks[0]:
        plays = tasks  # the examples are whole plays: give each the connection defaults
        for play in plays:
            merged = dict(defaults)
            merged.update(play.get("module_defaults") or {})
            play["module_defaults"] = merged
        return plays
    return [{"name": "EXAMPLES of %s" % plugin, "hosts": "localhost", "gather_facts": False,
             "module_defaults": defaults, "tasks": tasks}]


def apply_exceptions(plugin, tasks, exceptions):
    """Drop the tasks (or the plugin) listed in exceptions.yml; returns (tasks, notes)."""
    notes = []
    for item in exceptions:
        if item["plugin"] != plugin:
            continue
        if "task" not in item:
            return None, ["skipped: %s" % item["reason"]]
        kept = [t for t in tasks if not (isinstance(t, dict) and t.get("name") == item["task"])]
        if len(kept) == len(tasks):
            raise SeedError("exceptions.yml: %s has no example task named %r (remove the stale exception)" % (plugin, item["task"]))
        tasks = kept
        notes.append("task %r not run: %s" % (item["task"], item["reason"]))
    return tasks, notes


def summary_lines(log_path):
    shown = []
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if re.match(r"^(TASK \[|fatal:|failed:|ERROR|\[ERROR\]|\s+\"msg\")", line):
                shown.append(line.rstrip())
    return shown


def main(argv):
    root, config_path, log_dir = argv[1:4]
    wanted = set(argv[4:])
    config = yaml.safe_load(open(config_path, encoding="utf-8"))
    seed = yaml.safe_load(open(os.path.join(HERE, "seed.yml"), encoding="utf-8"))
    exceptions = yaml.safe_load(open(os.path.join(HERE, "exceptions.yml"), encoding="utf-8")) or []
    emulator = Emulator(config)
    inventory = os.environ.get("INVENTORY_PATH") or "localhost,"
    work = tempfile.mkdtemp(prefix="zv-examples-")
    try:
        return run_all(root, config_path, log_dir, wanted, seed, exceptions, emulator, inventory, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # it holds the extra variables (canary passwords)


def run_all(root, config_path, log_dir, wanted, seed, exceptions, emulator, inventory, work):
    extra_defaults = {}
    if seed.get("shadow"):
        extra_defaults["%s.local_password_verify" % NAMESPACE] = {"shadow_file": shadow_fixture(seed["shadow"], work)}
    vars_file = os.path.join(work, "vars.json")
    guide_vars_file = os.path.join(work, "guide-vars.json")
    saved = dict(os.environ)
    os.environ.update(connection_env(emulator.config))  # seed.yml's guide_vars may use ${ZOHO_VAULT_*}
    try:
        for path, values in ((vars_file, seed.get("vars")), (guide_vars_file, seed.get("guide_vars"))):
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(expand(values or {}), handle)
            os.chmod(path, 0o600)
        for name, content in (seed.get("files") or {}).items():  # files the examples read, next to the playbook
            with open(os.path.join(work, name), "w", encoding="utf-8") as handle:
                handle.write(expand(content))
    finally:
        os.environ.clear()
        os.environ.update(saved)

    cases = []  # (label, kind, short name, plays or None, problem or notes, how)
    for kind, plugin, path in discover(root):
        short = plugin.split(".")[-1]
        if wanted and plugin not in wanted and short not in wanted:
            continue
        text = examples_of(path)
        tasks = yaml.safe_load(text) if text and text.strip() else None
        if not isinstance(tasks, list) or not tasks:
            cases.append((plugin, kind, short, None, ["no EXAMPLES" if tasks is None else "EXAMPLES is not a list of tasks"], None))
            continue
        tasks, notes = apply_exceptions(plugin, tasks, exceptions)
        plays = None if tasks is None else playbook_for(plugin, tasks, extra_defaults)
        cases.append((plugin, kind, short, plays, notes, "plugin"))
    for guide, index, plays in guide_playbooks(root):
        label = "%s playbook %d" % (guide, index)
        if not wanted or guide in wanted or "guides" in wanted:
            cases.append((label, "guide", "%s-%d" % (guide, index), plays, [], "guide"))

    results, failed = [], []
    for label, kind, short, plays, notes, how in cases:
        if how is None:
            failed.append(label)
            results.append("FAILED %s (%s): %s" % (label, kind, notes[0]))
            continue
        if plays is None:
            results.append("skip   %s (%s): %s" % (label, kind, "; ".join(notes)))
            continue
        started = time.time()
        playbook = os.path.join(work, "%s.yml" % short)
        with open(playbook, "w", encoding="utf-8") as handle:
            yaml.safe_dump(plays, handle, sort_keys=False)
        emulator.reset_and_seed(seed)
        # Each case runs as on a fresh machine: its own token cache and lookup agent. (The reset has revoked
        # every token; tokens cached by earlier runs are not what an example is about.)
        fresh = tempfile.mkdtemp(prefix="run-%s-" % short, dir=work)
        env = dict((k, v) for k, v in os.environ.items() if not k.startswith("ZOHO_VAULT_"))
        if how == "plugin":
            # Lookups read the zoho_vault_* variables of the integration config, modules get them from module_defaults.
            args = ["-e", "@" + config_path, "-e", "@" + vars_file,
                    "-e", "zoho_vault_token_cache_dir=%s/tokens" % fresh, "-e", "zoho_vault_cache_agent_dir=%s/agent" % fresh]
        else:
            # A guide's playbook runs the way its reader runs it: the connection in ZOHO_VAULT_* variables.
            env.update(connection_env(emulator.config))
            env.update(ZOHO_VAULT_TOKEN_CACHE_DIR="%s/tokens" % fresh, ZOHO_VAULT_CACHE_AGENT_DIR="%s/agent" % fresh)
            args = ["-e", "@" + guide_vars_file]
        log_path = os.path.join(log_dir, "examples-%s.log" % short)
        with open(log_path, "w", encoding="utf-8") as log:
            code = subprocess.call(["ansible-playbook", "-i", inventory] + args + ["-vvvv", playbook],
                                   stdout=log, stderr=subprocess.STDOUT, cwd=work, env=env)
        seconds = time.time() - started
        count = sum(len(play.get("tasks", [])) for play in plays)
        if code == 0:
            extra = "".join("; " + note for note in notes)
            results.append("ok     %s (%s): %d task(s), %.1f s%s" % (label, kind, count, seconds, extra))
        else:
            failed.append(label)
            results.append("FAILED %s (%s): ansible-playbook exited %d, %.1f s; log %s" % (label, kind, code, seconds, log_path))
            for line in summary_lines(log_path)[-12:]:
                results.append("         " + line[:400])
        print(results[-1] if code == 0 else "\n".join(results[-13:]), flush=True)

    print("\n".join(["", "EXAMPLES and guide playbooks executed against the emulator:"] + results))
    if failed:
        print("failing examples: %s" % ", ".join(failed))
        return 1
    print("every example ran")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except SeedError as exc:
        print("docs_examples: %s" % exc, file=sys.stderr)
        sys.exit(1)
