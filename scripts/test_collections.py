"""Put the collections the integration tests use beside the staged zoho.vault (ansible-test sees that tree).

Ansible Galaxy cannot be reached from the test machines, but PyPI can: the `ansible` package carries the
community collections. Downloading its wheel (about 55 MB, no install, no dependencies) and extracting only the
collections named here (about 1 MB) is far lighter than installing the package into each venv (hundreds of MB,
and it would pin ansible-core, which the ansible-core 2.16 venv must not follow).

    python scripts/test_collections.py STAGE    # STAGE: .../ansible_collections/zoho/vault
"""
import json
import os
import subprocess
import sys
import tempfile
import zipfile

# The `ansible` release whose copy of each collection the tests use (community.postgresql 4.2.0).
ANSIBLE_PACKAGE = "ansible==12.3.0"
COLLECTIONS = ("community/postgresql",)


def wheel_path(cache: str) -> str:
    wanted = ANSIBLE_PACKAGE.replace("==", "-")
    for name in sorted(os.listdir(cache)):
        if name.startswith(wanted + "-") and name.endswith(".whl"):
            return os.path.join(cache, name)
    subprocess.check_call([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
                           "--dest", cache, ANSIBLE_PACKAGE])
    return wheel_path(cache)


def installed_from(target: str) -> str:
    try:
        with open(os.path.join(target, ".from-package"), encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return ""


def extract(wheel: str, collection: str, target: str) -> None:
    prefix = "ansible_collections/%s/" % collection
    with tempfile.TemporaryDirectory(dir=os.path.dirname(target)) as scratch, zipfile.ZipFile(wheel) as archive:
        members = [m for m in archive.namelist() if m.startswith(prefix)]
        archive.extractall(scratch, members)
        if os.path.isdir(target):
            subprocess.check_call(["rm", "-rf", target])
        os.replace(os.path.join(scratch, prefix), target)
    with open(os.path.join(target, ".from-package"), "w", encoding="utf-8") as handle:
        handle.write(ANSIBLE_PACKAGE + "\n")


def main() -> int:
    stage = os.path.abspath(sys.argv[1])
    root = os.path.dirname(os.path.dirname(stage))  # .../ansible_collections
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "zoho-vault-tests")
    os.makedirs(cache, exist_ok=True)
    for collection in COLLECTIONS:
        target = os.path.join(root, collection)
        if installed_from(target) == ANSIBLE_PACKAGE:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        extract(wheel_path(cache), collection, target)
        with open(os.path.join(target, "MANIFEST.json"), encoding="utf-8") as handle:
            version = json.load(handle)["collection_info"]["version"]
        print("test collections: %s %s (from %s)" % (collection.replace("/", "."), version, ANSIBLE_PACKAGE), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
