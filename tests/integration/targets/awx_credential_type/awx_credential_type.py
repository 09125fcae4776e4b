"""Check the AWX credential type shipped in extensions/awx/ and simulate what AWX does with it.

    python awx_credential_type.py check DEFINITION OPTIONS_PY
        The definition is well formed for POST /api/v2/credential_types/ (the rules AWX applies to
        inputs and injectors), its env injectors render under StrictUndefined with every input defined
        (what AWX checks on save), reference only defined inputs, and inject exactly the ZOHO_VAULT_*
        variables of the options the collection reads (taken from plugins/module_utils/_options.py).

    python awx_credential_type.py render DEFINITION
        Render the injectors the way AWX does at job launch (ImmutableSandboxedEnvironment; inputs not
        given are absent, booleans not given are false) for a few sample credentials, and check the values.

    python awx_credential_type.py run DEFINITION CONFIG SCENARIO LOG -- COMMAND...
        Build a credential of SCENARIO (refresh_token: client id/secret/refresh token; access_token: a
        token minted through the emulator's control plane; both: that token and the refresh credentials,
        and the job must mint nothing) from the integration CONFIG, render the env
        injectors as AWX does, remove every ZOHO_VAULT_* variable from the environment, add the rendered
        ones, run COMMAND with its output in LOG, and print that output's task lines.
"""
import ast
import json
import os
import re
import subprocess
import sys
import urllib.request

import yaml
from jinja2 import StrictUndefined, meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

TOP_KEYS = {"name", "description", "kind", "inputs", "injectors"}
FIELD_KEYS = {"id", "label", "type", "secret", "help_text", "choices", "default", "multiline", "format", "ask_at_runtime"}
INJECTOR_KEYS = {"env", "extra_vars", "file"}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Variables AWX refuses in env injectors (a subset of its ENV_BLOCKLIST) besides the ANSIBLE_ prefix.
BLOCKED_ENV = {"PATH", "HOME", "JOB_ID", "INVENTORY_ID", "INVENTORY_SOURCE_ID", "INVENTORY_UPDATE_ID",
               "AD_HOC_COMMAND_ID", "REST_API_URL", "REST_API_TOKEN", "MAX_EVENT_RES", "CALLBACK_QUEUE",
               "CALLBACK_CONNECTION", "CACHE", "JOB_CALLBACK_DEBUG", "INVENTORY_HOSTVARS", "AWX_HOST",
               "PROJECT_REVISION", "SUPERVISOR_WEB_CONFIG_PATH", "PYTHONPATH", "VIRTUAL_ENV"}
# The variables the brief of the credential type promises, with the secret flag of their input.
EXPECTED = {
    "ZOHO_VAULT_DATA_CENTER": False, "ZOHO_VAULT_API_URL": False, "ZOHO_VAULT_ACCOUNTS_URL": False,
    "ZOHO_VAULT_CLIENT_ID": False, "ZOHO_VAULT_CLIENT_SECRET": True, "ZOHO_VAULT_REFRESH_TOKEN": True,
    "ZOHO_VAULT_ACCESS_TOKEN": True, "ZOHO_VAULT_VALIDATE_CERTS": False,
    "ZOHO_VAULT_DIALECT": False, "ZOHO_VAULT_MASTER_PASSWORD": True, "ZOHO_VAULT_MASTER_KEY": True,
}


class Invalid(Exception):
    pass


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def fail_unless(condition, message):
    if not condition:
        raise Invalid(message)


def option_env_names(options_py):
    """ZOHO_VAULT_<OPTION> for every key of OPTIONS in _options.py (read with ast, no import)."""
    tree = ast.parse(open(options_py, encoding="utf-8").read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "OPTIONS" for t in node.targets):
            return {"ZOHO_VAULT_" + key.value.upper() for key in node.value.keys}
    raise Invalid("OPTIONS not found in %s" % options_py)


def check(definition, options_py):
    fail_unless(isinstance(definition, dict), "the definition must be a mapping")
    fail_unless(set(definition) <= TOP_KEYS, "unknown top-level keys: %s" % sorted(set(definition) - TOP_KEYS))
    fail_unless(isinstance(definition.get("name"), str) and definition["name"].strip(), "name is required")
    fail_unless(definition.get("kind") in ("cloud", "net"), "kind of a custom credential type must be cloud or net")
    inputs = definition.get("inputs")
    fail_unless(isinstance(inputs, dict) and set(inputs) <= {"fields", "required"}, "inputs: only fields and required")
    fields = inputs.get("fields")
    fail_unless(isinstance(fields, list) and fields, "inputs.fields must be a non-empty list")
    ids, labels, by_id = set(), set(), {}
    for index, field in enumerate(fields):
        where = "inputs.fields[%d]" % index
        fail_unless(isinstance(field, dict), "%s must be a mapping" % where)
        fail_unless(set(field) <= FIELD_KEYS, "%s: unknown keys %s" % (where, sorted(set(field) - FIELD_KEYS)))
        fid, label, kind = field.get("id"), field.get("label"), field.get("type", "string")
        fail_unless(isinstance(fid, str) and IDENT.match(fid), "%s: id must be an identifier" % where)
        fail_unless(isinstance(label, str) and label.strip(), "%s: label is required" % where)
        fail_unless(fid not in ids, "%s: duplicate id %s" % (where, fid))
        fail_unless(label not in labels, "%s: duplicate label %s" % (where, label))
        fail_unless(kind in ("string", "boolean"), "%s: type must be string or boolean" % where)
        fail_unless(isinstance(field.get("secret", False), bool), "%s: secret must be a boolean" % where)
        fail_unless(not (kind == "boolean" and field.get("secret")), "%s: a boolean cannot be secret" % where)
        if "choices" in field:
            fail_unless(kind == "string", "%s: choices only for strings" % where)
            fail_unless(isinstance(field["choices"], list) and all(isinstance(c, str) for c in field["choices"]),
                        "%s: choices must be a list of strings" % where)
        if "default" in field:
            want = bool if kind == "boolean" else str
            fail_unless(isinstance(field["default"], want), "%s: default must be a %s" % (where, kind))
            fail_unless("choices" not in field or field["default"] in field["choices"], "%s: default not in choices" % where)
        for flag in ("multiline", "ask_at_runtime"):
            fail_unless(isinstance(field.get(flag, False), bool), "%s: %s must be a boolean" % (where, flag))
        ids.add(fid)
        labels.add(label)
        by_id[fid] = field
    required = inputs.get("required", [])
    fail_unless(isinstance(required, list) and set(required) <= ids, "inputs.required names unknown inputs")

    injectors = definition.get("injectors")
    fail_unless(isinstance(injectors, dict) and set(injectors) <= INJECTOR_KEYS, "injectors: only env, extra_vars, file")
    env = injectors.get("env") or {}
    fail_unless(isinstance(env, dict) and env, "injectors.env must be a non-empty mapping")
    strict = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    placeholders = dict((fid, False if f.get("type") == "boolean" else "EXAMPLE") for fid, f in by_id.items())
    for name, template in env.items():
        fail_unless(IDENT.match(name) and not name.startswith("ANSIBLE_") and name not in BLOCKED_ENV,
                    "injectors.env: %s is a name AWX refuses" % name)
        fail_unless(isinstance(template, str), "injectors.env.%s must be a string template" % name)
        used = meta.find_undeclared_variables(strict.parse(template))
        fail_unless(used <= ids, "injectors.env.%s references undefined inputs %s" % (name, sorted(used - ids)))
        strict.from_string(template).render(**placeholders)  # AWX's own check when the type is saved

    fail_unless(set(env) == set(EXPECTED), "injected variables %s, expected %s" % (sorted(env), sorted(EXPECTED)))
    unknown = set(env) - option_env_names(options_py)
    fail_unless(not unknown, "the collection reads no option from %s" % sorted(unknown))
    for name, secret in EXPECTED.items():
        used = meta.find_undeclared_variables(strict.parse(env[name]))
        flags = set(bool(by_id[u].get("secret")) for u in used)
        fail_unless(flags == {secret}, "%s must come from %s input(s)" % (name, "secret" if secret else "non-secret"))
    for fid, field in by_id.items():
        if field.get("secret"):
            fail_unless(field.get("type", "string") == "string" and "default" not in field,
                        "secret input %s must be a string without a default" % fid)
    return "%d inputs (%d secret), %d env injectors, all referencing defined inputs" % (
        len(fields), sum(1 for f in fields if f.get("secret")), len(env))


def render_env(definition, credential_inputs):
    """The env AWX injects for a credential with these inputs (awx/main/models/credential.py)."""
    namespace = {}
    for key, value in credential_inputs.items():
        if isinstance(value, bool) or value:
            namespace[key] = value
    for field in definition["inputs"]["fields"]:
        if field.get("type") == "boolean" and field["id"] not in credential_inputs:
            namespace[field["id"]] = False
    sandbox = ImmutableSandboxedEnvironment()
    return dict((name, sandbox.from_string(template).render(**namespace))
                for name, template in definition["injectors"]["env"].items())


def render_checks(definition):
    full = render_env(definition, {"data_center": "eu", "client_id": "1000.ID", "client_secret": "s3cr3t",
                                   "refresh_token": "1000.rt", "skip_tls_verify": True})
    fail_unless(full["ZOHO_VAULT_DATA_CENTER"] == "eu" and full["ZOHO_VAULT_CLIENT_SECRET"] == "s3cr3t"
                and full["ZOHO_VAULT_REFRESH_TOKEN"] == "1000.rt" and full["ZOHO_VAULT_ACCESS_TOKEN"] == ""
                and full["ZOHO_VAULT_VALIDATE_CERTS"] == "false", "refresh-token credential rendered %r" % sorted(full.items()))
    bare = render_env(definition, {"access_token": "1000.at"})
    fail_unless(bare["ZOHO_VAULT_DATA_CENTER"] == "com", "an unset data center must render as com")
    fail_unless(bare["ZOHO_VAULT_VALIDATE_CERTS"] == "true", "a credential without skip_tls_verify must verify certificates")
    fail_unless(bare["ZOHO_VAULT_API_URL"] == "" and bare["ZOHO_VAULT_CLIENT_ID"] == "", "unset inputs render empty")
    return "sample credentials render as AWX renders them (unset data center → com, certificates verified by default)"


def control(config, method, path, body=None):
    request = urllib.request.Request(config["zoho_vault_emulator_url"] + path, method=method,
                                     data=json.dumps(body or {}).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.load(reply)


def credential_for(scenario, config):
    common = {"data_center": "com", "api_url": config["zoho_vault_api_url"], "accounts_url": config["zoho_vault_accounts_url"]}
    if scenario == "refresh_token":
        return dict(common, client_id=config["zoho_vault_client_id"], client_secret=config["zoho_vault_client_secret"],
                    refresh_token=config["zoho_vault_refresh_token"])
    if scenario in ("access_token", "both"):
        minted = control(config, "POST", "/_emulator/access_tokens", {"emailid": config["zoho_vault_admin_email"]})
        if scenario == "both":  # the linked token plus the refresh credentials to replace it if it expires
            return dict(credential_for("refresh_token", config), access_token=minted["access_token"])
        return dict(common, access_token=minted["access_token"])
    raise Invalid("unknown scenario %s" % scenario)


def tokens_minted(config):
    return control(config, "GET", "/_emulator/counters")["tokens_minted"]


def run(definition, config_path, scenario, log_path, command):
    config = load(config_path)
    inputs = credential_for(scenario, config)
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("ZOHO_VAULT_"))
    env.update(render_env(definition, inputs))
    minted_before = tokens_minted(config)
    with open(log_path, "w", encoding="utf-8") as log:
        code = subprocess.call(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    if scenario in ("access_token", "both"):
        # The handed token serves the whole job: the refresh credentials are only a fallback.
        fail_unless(tokens_minted(config) == minted_before, "the job minted a token although it was handed one")
    with open(log_path, encoding="utf-8") as log:
        lines = log.read().splitlines()
    shown = [line for line in lines if re.match(r"^(TASK|PLAY RECAP|ok:|changed:|fatal:|localhost|\s+\"msg\")", line)]
    print("\n".join(shown[:200] if code == 0 else lines[-80:]))
    secrets = [v for k, v in inputs.items() if k in ("client_secret", "refresh_token", "access_token")]
    leaked = [s for s in secrets if any(s in line for line in lines)]
    fail_unless(not leaked, "a credential value appears in the output of %s" % " ".join(command))
    return code


def main(argv):
    action, path = argv[1], argv[2]
    definition = load(path)
    try:
        if action == "check":
            print("credential type ok: " + check(definition, argv[3]))
        elif action == "render":
            print("injection ok: " + render_checks(definition))
        elif action == "run":
            config_path, scenario, log_path = argv[3:6]
            command = argv[7:] if argv[6] == "--" else argv[6:]
            return run(definition, config_path, scenario, log_path, command)
        else:
            raise Invalid("unknown action %s" % action)
    except Invalid as exc:
        print("%s: %s" % (path, exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
