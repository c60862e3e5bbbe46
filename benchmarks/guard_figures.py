"""The figures of the rate limits, measured against gunicorn in production mode on PostgreSQL.

Loads the demo arena into the database (`seed_demo`, idempotent), starts gunicorn
(DJANGO_ENV=production, 2 sync workers, as if behind the HTTPS proxy, so that the client
address is the last X-Forwarded-For hop) on a free port of 127.0.0.1, and measures, each from
an address of its own (192.0.2.x, named in the header only; every request goes to 127.0.0.1):

- correct joins from one address: N whole joins (code, name, table, privacy) by 4 threads;
- wrong join codes one browser may try before a 429, and one address with fresh browsers;
- wrong passwords for one user name from one address, and whether the browser that signed in
  before still gets in afterwards.

    .venv/bin/python benchmarks/guard_figures.py [--joins 300]

Bounded in count and time; stops gunicorn by its pid. FIGURES_DATABASE_URL names the database.
"""

import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DB_URL = os.environ.get(
    "FIGURES_DATABASE_URL", "postgres://tiltaksarena:tiltaksarena@127.0.0.1:5432/ta_guard"
)
CODE, SLUG = "BUS7Q4K", "buskerud-yrkesdeltagelse"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """Cookies, a CSRF token and one client address; every request goes to 127.0.0.1."""

    def __init__(self, port, address):
        self.port, self.address, self.cookies, self.token = port, address, {}, ""
        self.retry_after = None

    def request(self, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"X-Forwarded-For": self.address, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": self.token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        self.retry_after = response.getheader("Retry-After")
        if found := TOKEN.search(text):
            self.token = found.group(1)
        connection.close()
        return response.status, response.getheader("Location", ""), text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)


def join(port, address, number, organisation):
    browser = Browser(port, address)
    browser.get("/bli-med/")
    status, location, _ = browser.post("/bli-med/", {"code": CODE})
    if status != 302:
        return status
    browser.get(location)
    data = {"display_name": f"Deltaker {number}", "organisation": organisation}
    status, location, _ = browser.post(location, data)
    if "bord" in location:
        _, _, page = browser.get(location)
        tables = re.findall(r'name="group" value="(\d+)"', page)
        status, location, _ = browser.post(location, {"group": tables[number % len(tables)]})
    browser.get(location)
    status, location, _ = browser.post(location, {})
    return 200 if location.endswith(f"/a/{SLUG}/hjem/") else status


def until_refused(attempt, most=1000):
    """How many attempts pass before the first 429."""
    for n in range(most):
        if attempt(n) == 429:
            return n
    return most


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--joins", type=int, default=300)
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    setup = {**base, "DJANGO_ENV": "development", "DATABASE_URL": DB_URL}
    manage("migrate", "--no-input", "-v0", env=setup)
    manage("createcachetable", env=setup)
    manage("seed_demo", env=setup)
    organisation = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from participants.models import Organisation; print(Organisation.objects.first().pk)"],
        cwd=ROOT, env=setup, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    production = {
        **base,
        "DJANGO_ENV": "production",
        "SECRET_KEY": "guard-figures-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "0",
        "DJANGO_BEHIND_PROXY": "1",
        "DATABASE_URL": DB_URL,
        "LOG_LEVEL": "ERROR",
    }
    manage("collectstatic", "--no-input", "-v0", env=production)  # the hashed manifest
    port = free_port()
    command = [PYTHON, "-m", "gunicorn", "arena.wsgi", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", "2", "--timeout", "60"], cwd=ROOT, env=production
    )
    try:
        for _ in range(100):
            try:
                Browser(port, "192.0.2.1").get("/helse/")
                break
            except OSError:
                time.sleep(0.1)
        measure(port, args.joins, organisation)
    finally:
        server.terminate()
        server.wait(timeout=20)


def measure(port, joins, organisation):
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda n: join(port, "192.0.2.10", n, organisation), range(joins)))
    seconds = time.monotonic() - started
    ok = results.count(200)
    print(f"correct joins from one address: {ok} of {joins} in {seconds:.1f} s "
          f"({ok * 60 / seconds:.0f} a minute), refused: {results.count(429)}")  # fmt: skip

    one = Browser(port, "192.0.2.20")
    one.get("/bli-med/")
    n = until_refused(lambda n: one.post("/bli-med/", {"code": f"WRONG{n}"})[0])
    print(f"wrong codes one browser may try: {n}, then 429 with Retry-After {one.retry_after} s")

    def fresh(n):
        """A new browser each time: a CSRF cookie of its own (a POST needs one), no session."""
        browser = Browser(port, "192.0.2.30")
        browser.get("/bli-med/")
        return browser.post("/bli-med/", {"code": f"WRONG{n}"})[0]

    n = until_refused(fresh)
    print(f"wrong codes one address may try with a fresh browser each time: {n}")

    def typed_link(n):  # no cookie at all: the code typed into the address bar
        return Browser(port, "192.0.2.31").get(f"/bli-med/WRONG{n}/")[0]

    print(f"wrong codes one address may try as links without cookies: {until_refused(typed_link)}")

    laptop = Browser(port, "192.0.2.40")
    laptop.get("/konto/login/")
    signed_in = laptop.post(
        "/konto/login/", {"username": "fasilitator", "password": "demo-fasilitator"}
    )[0]
    laptop.cookies.pop("sessionid", None)
    guesser = Browser(port, "192.0.2.40")
    guesser.get("/konto/login/")
    n = until_refused(
        lambda n: guesser.post(
            "/konto/login/", {"username": "fasilitator", "password": f"feil-{n}"}
        )[0]
    )
    laptop.get("/konto/login/")
    again = laptop.post(
        "/konto/login/", {"username": "fasilitator", "password": "demo-fasilitator"}
    )[0]
    print(f"wrong passwords per user name and address: {n} (first sign-in {signed_in}); "
          f"the facilitator's own browser afterwards, same address: {again}")  # fmt: skip


if __name__ == "__main__":
    main()
