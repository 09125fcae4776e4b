"""Copy the collection's files into .build/ansible_collections/zoho/vault for ansible-test.

ansible-test insists on running from a real directory at .../ansible_collections/<ns>/<name>/
(a symlink is resolved and rejected), and it only considers files git tracks or does not ignore.
We copy exactly those files (tracked and untracked-but-not-ignored, as in the working tree), so
uncommitted changes are tested too, and remove anything that no longer exists.
"""
import filecmp
import os
import shutil
import subprocess
import sys


def main():
    root = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()
    # ZOHO_VAULT_BUILD_DIR lets two runs on one machine stage (and write their emulator's
    # connection) in separate places.
    build = os.environ.get("ZOHO_VAULT_BUILD_DIR") or os.path.join(root, ".build")
    dest = os.path.join(os.path.abspath(build), "ansible_collections", "zoho", "vault")
    listing = subprocess.check_output(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=root)
    wanted = {p for p in listing.decode().split("\0") if p and os.path.isfile(os.path.join(root, p))}

    for rel in sorted(wanted):
        src, dst = os.path.join(root, rel), os.path.join(dest, rel)
        if os.path.exists(dst) and filecmp.cmp(src, dst, shallow=False) and os.stat(src).st_mode == os.stat(dst).st_mode:
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)

    # The copy sits inside this checkout's ignored .build/, so ansible-test (which asks git for the
    # file list) would see nothing: give the copy a repository of its own.
    if not os.path.isdir(os.path.join(dest, ".git")):
        subprocess.check_call(["git", "init", "-q", dest])

    # Drop files that are gone from the source, but keep ansible-test's own output.
    for dirpath, dirnames, filenames in os.walk(dest, topdown=True):
        rel_dir = os.path.relpath(dirpath, dest)
        if rel_dir == os.path.join("tests", "output") or rel_dir.startswith(os.path.join("tests", "output") + os.sep):
            dirnames[:] = []
            continue
        dirnames[:] = [d for d in dirnames if d not in ("__pycache__", ".git")]
        for name in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            if rel not in wanted and rel != os.path.join("tests", "integration", "integration_config.yml"):
                os.remove(os.path.join(dirpath, name))
    print(dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
