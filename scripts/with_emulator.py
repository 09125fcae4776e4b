"""Run a command with the bundled Zoho Vault emulator up, then stop the emulator.

    python scripts/with_emulator.py [--plan PLAN] [--integration-config FILE] -- COMMAND [ARGS...]

The command gets the connection in the environment variables the collection reads
(ZOHO_VAULT_API_URL, ZOHO_VAULT_ACCOUNTS_URL, ZOHO_VAULT_CLIENT_ID, ZOHO_VAULT_CLIENT_SECRET,
ZOHO_VAULT_REFRESH_TOKEN, ZOHO_VAULT_TOKEN_CACHE_DIR) plus ZOHO_VAULT_EMULATOR_URL for the
emulator's control plane. With --integration-config the same values are written as the
variables ansible-test injects into every integration target (zoho_vault_<option>).
The exit status is the command's.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))

from zoho_vault_emulator.testing import Emulator  # noqa: E402  pylint: disable=wrong-import-position


def connection_values(emulator, token_cache_dir):
    admin = emulator.admin
    return {
        "api_url": emulator.api_url,
        "accounts_url": emulator.accounts_url,
        "client_id": admin["client_id"],
        "client_secret": admin["client_secret"],
        "refresh_token": admin["refresh_token"],
        "token_cache_dir": token_cache_dir,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", default="enterprise")
    parser.add_argument("--integration-config", help="write ansible-test's integration_config.yml here")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command after --")

    with tempfile.TemporaryDirectory(prefix="zoho-vault-run-") as scratch:
        emulator = Emulator()
        emulator.start(plan=args.plan)
        try:
            values = connection_values(emulator, os.path.join(scratch, "tokens"))
            env = dict(os.environ)
            env.update({"ZOHO_VAULT_" + key.upper(): value for key, value in values.items()})
            env["ZOHO_VAULT_EMULATOR_URL"] = emulator.url
            env["ZOHO_VAULT_ADMIN_EMAIL"] = emulator.admin["email"]
            if args.integration_config:
                config = {"zoho_vault_" + key: value for key, value in values.items()}
                config["zoho_vault_emulator_url"] = emulator.url
                config["zoho_vault_admin_email"] = emulator.admin["email"]
                with open(args.integration_config, "w", encoding="utf-8") as handle:
                    # JSON is valid YAML; ansible-test reads this file as YAML.
                    json.dump(config, handle, indent=2)
                    handle.write("\n")
            return subprocess.call(command, env=env)
        finally:
            emulator.stop()


if __name__ == "__main__":
    sys.exit(main())
