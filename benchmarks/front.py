"""nginx in front of the page and stream servers on 127.0.0.1, configured from the committed
template (deploy/nginx/tiltaksarena.conf.template, decision 67): the benchmarks measure, and
the stream's browser test checks, the routing that compose.yaml deploys.

    front = Front(pages_port=..., streams_port=..., workdir=Path("var/front"))
    ...  # http://127.0.0.1:{front.port}/
    front.stop()
"""

import os
import shutil
import socket
import string
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx" / "tiltaksarena.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render(*, listen, pages, streams):
    """The template with its ${...} names filled in, as the nginx image's envsubst does."""
    return string.Template(TEMPLATE.read_text()).safe_substitute(
        LISTEN=listen, PAGES_UPSTREAM=pages, STREAMS_UPSTREAM=streams
    )


class Front:
    """One nginx (one worker process) on a free port, stopped by `stop()`."""

    def __init__(self, *, pages_port, streams_port, workdir):
        self.port = free_port()
        workdir = Path(workdir).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        site = workdir / "tiltaksarena.conf"
        site.write_text(
            render(
                listen=f"127.0.0.1:{self.port}",
                pages=f"127.0.0.1:{pages_port}",
                streams=f"127.0.0.1:{streams_port}",
            )
        )
        temp = " ".join(
            f"{kind}_temp_path {workdir / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                               "uwsgi", "scgi")
        )  # fmt: skip
        user = "user root;" if os.geteuid() == 0 else ""
        (workdir / "nginx.conf").write_text(
            f"daemon off; worker_processes 1; {user}\n"
            f"pid {workdir / 'nginx.pid'};\nerror_log {workdir / 'error.log'} warn;\n"
            "events { worker_connections 8192; }\n"
            f"http {{ access_log off; {temp}\n include {site}; }}\n"
        )
        self.process = subprocess.Popen(
            [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf")]
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"nginx did not start: {workdir / 'error.log'}") from None
                time.sleep(0.05)

    def pids(self):
        """nginx's master and worker, from /proc (for the benchmarks' CPU figures)."""
        found = [self.process.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    found.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        return found

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
