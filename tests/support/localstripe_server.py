"""Runs the independent Stripe emulator localstripe (PyPI) on 127.0.0.1 only.

Its stock command listens on every interface and saves its state to
/tmp/localstripe.pickle after each change; here the state stays in memory.
Usage: python localstripe_server.py PORT
"""
import sys

from aiohttp import web
from localstripe.resources import store
from localstripe.server import app

store.dump_to_disk = lambda: None
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
