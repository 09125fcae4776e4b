"""Offline stand-in for get-pip.py, used by ansible-test when it bootstraps its virtual environments.

ansible-test runs it as `python get_pip.py <pip options> pip==X [--no-setuptools] [--no-wheel]`.
We install pip from the interpreter's bundled wheel (ensurepip), then let that pip fetch the
requested version from the package index this machine can reach.
"""
import subprocess
import sys

IGNORED = {"--no-setuptools", "--no-wheel"}


def main():
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
    args = [arg for arg in sys.argv[1:] if arg not in IGNORED]
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--upgrade"] + args)


if __name__ == "__main__":
    main()
