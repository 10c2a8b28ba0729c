"""Loaded before Django settings: tests run with a throwaway secret unless one is set."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
# The test client and the browser tests' live server speak plain HTTP: the tests opt out of the
# HTTPS-only defaults explicitly (tests/config/test_security.py checks those defaults in a fresh
# process without this variable).
os.environ.setdefault("WFH_INSECURE_HTTP", "1")
