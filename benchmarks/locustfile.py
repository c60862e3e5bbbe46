"""The workshop scenario, for locust (run by benchmarks/bench.py, which sets the variables).

- Participants join one after another over BENCH_JOIN_SECONDS from one IP (the real join
  form: code page, name and organisation, table, privacy, home). The first two to join each
  table type in the editor of their table's first measure, one in "description" (step 1), one
  in "way_of_working" (step 3), saving every 2–5 s with the base the server gave them, as the
  editor's autosave does; the others open their home, read measures, comment and place dots.
- Two facilitation boards and two walls poll every 5 s with If-None-Match.
- A project lead opens the summary and downloads an export every 20–40 s.

Every autosave the server answers with status "saved" is written to BENCH_RESULT with its revision,
so that the runner can check it is in the database. Timings are collected here too, split into
the joining part and the steady part after it.
"""

import html
import itertools
import json
import os
import random
import re
import time
import uuid

from locust import HttpUser, constant_pacing, events, task

with open(os.environ["BENCH_ARENA"]) as arena_file:
    ARENA = json.load(arena_file)
JOIN_SECONDS = float(os.environ.get("BENCH_JOIN_SECONDS", "120"))
A = f"/a/{ARENA['slug']}"
CODE = ARENA["join_code"]
TABLES = ARENA["tables"]
MEASURES = [pk for pks in ARENA["measures_by_table"].values() for pk in pks]
TYPING_FIELDS = {"description": 1, "way_of_working": 3}  # field: editor step
POLLED = ("board poll", "wall poll")
WORDS = ["vi", "vil", "lage", "en", "felles", "ordning", "for", "lærlinger", "skoler", "og"]

_joined = itertools.count()
ACCEPTED = []  # (measure, field, saved value, revision, writer) for every "saved" answer
SAMPLES = []  # (monotonic time, name, ms, failed)
STATE = {"start": None, "conflicts": 0, "refused": 0}


@events.test_start.add_listener
def _start(**_kwargs):
    STATE["start"] = time.monotonic()


@events.request.add_listener
def _record(name, response_time, response=None, exception=None, **_kwargs):
    if name.startswith(POLLED) and response is not None:
        name = f"{name} {response.status_code}"
    SAMPLES.append((time.monotonic(), name, response_time, exception is not None))


def _summary(samples, seconds):
    by_name = {}
    for _t, name, ms, failed in samples:
        by_name.setdefault(name, []).append((ms, failed))
    by_name["TOTAL"] = [(ms, failed) for _t, _n, ms, failed in samples]
    out = {}
    for name, values in by_name.items():
        times = sorted(ms for ms, _ in values)
        if not times:
            continue

        def pct(p, times=times):
            return times[min(len(times) - 1, int(p / 100 * len(times)))]

        out[name] = {
            "count": len(times),
            "rps": len(times) / seconds if seconds else 0,
            "p50": pct(50),
            "p95": pct(95),
            "p99": pct(99),
            "failures": sum(1 for _, failed in values if failed),
        }
    return out


@events.quitting.add_listener
def _write(**_kwargs):
    start = STATE["start"] or (SAMPLES[0][0] if SAMPLES else time.monotonic())
    end = max((t for t, *_ in SAMPLES), default=start)
    steady_from = start + JOIN_SECONDS + 5
    steady = [s for s in SAMPLES if s[0] >= steady_from]
    result = {
        "steady_from": JOIN_SECONDS + 5,
        "duration": end - start,
        "stats": {
            "all": _summary(SAMPLES, end - start),
            "steady": _summary(steady, max(end - steady_from, 0)),
        },
        "accepted_saves": ACCEPTED,
        "conflicts": STATE["conflicts"],
    }
    with open(os.environ["BENCH_RESULT"], "w") as out:
        json.dump(result, out)


class Browser(HttpUser):
    abstract = True

    def csrf(self):
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    def post(self, path, data, name, **kwargs):
        return self.client.post(
            path, data=data, headers=self.csrf(), name=name, allow_redirects=False, **kwargs
        )


class Participant(Browser):
    weight = 1

    def wait_time(self):
        return random.uniform(2, 5) if self.field else random.uniform(10, 20)

    def on_start(self):
        number = next(_joined)
        self.table = TABLES[number % len(TABLES)]
        self.measure = ARENA["measures_by_table"][str(self.table)][0]
        fields = list(TYPING_FIELDS)
        self.field = fields[number // len(TABLES)] if number < 2 * len(TABLES) else None
        self.join(number)
        if self.field:
            self.open_editor()

    def join(self, number):
        details = f"/bli-med/{CODE}/"
        self.client.get(details, name="join: details page")
        organisation = ARENA["organisations"][number % len(ARENA["organisations"])]
        self.post(
            details,
            {
                "display_name": f"Lastdeltaker {number}",
                "organisation": organisation,
                "organisation_query": "",
                "email": "",
            },  # fmt: skip
            "join: details POST",
        )
        self.client.get(f"/bli-med/{CODE}/bord/", name="join: table page")
        self.post(f"/bli-med/{CODE}/bord/", {"group": self.table}, "join: table POST")
        self.client.get(f"/bli-med/{CODE}/personvern/", name="join: privacy page")
        with self.client.post(
            f"/bli-med/{CODE}/personvern/", data={}, headers=self.csrf(),
            name="join: confirm POST", allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 302 or not response.headers.get("Location", "").endswith(
                "/hjem/"
            ):
                response.failure(f"join ended at {response.status_code}")
        self.client.get(f"{A}/hjem/", name="home")

    def open_editor(self):
        step = TYPING_FIELDS[self.field]
        page = self.client.get(
            f"{A}/hjem/tiltak/{self.measure}/rediger/{step}/", name="editor page"
        ).text
        base = re.search(rf'name="base-{self.field}" id="base-{self.field}" value="([^"]*)"', page)
        version = re.search(r'data-rev="(\d+)"', page)
        self.base = html.unescape(base.group(1)) if base else ""
        self.version = version.group(1) if version else ""
        self.typed = self.base
        self.saves = 0

    @task
    def act(self):
        if self.field:
            self.type_and_save()
            if random.random() < 0.02:
                self.client.get(f"{A}/hjem/", name="home")
            return
        choice = random.random()
        if choice < 0.4:
            self.client.get(f"{A}/hjem/", name="home")
        elif choice < 0.75:
            self.client.get(f"{A}/hjem/tiltak/{random.choice(MEASURES)}/", name="measure page")
        elif choice < 0.9:
            self.post(
                f"{A}/hjem/tiltak/{random.choice(MEASURES)}/kommentarer/",
                {"text": "Godt forslag, " + " ".join(random.choices(WORDS, k=8)) + "."},
                "comment POST",
            )
        else:
            self.post(
                f"{A}/hjem/tiltak/{random.choice(MEASURES)}/prikker/",
                {"change": "add"},
                "dot POST",
            )

    def type_and_save(self):
        self.saves += 1
        self.typed = (self.typed + " " + " ".join(random.choices(WORDS, k=3))).strip()
        self.typed = self.typed[-3000:]  # a long answer, not an endless one
        value = f"{self.typed} ({self.field} {self.saves})"
        response = self.post(
            f"{A}/hjem/tiltak/{self.measure}/felt/{self.field}/",
            {"base": self.base, "value": value, "op": str(uuid.uuid4())},
            "autosave POST",
        )
        try:
            answer = response.json()
        except ValueError:
            return
        if answer.get("status") == "saved":
            # The server merged this save into what others saved: that is the new base.
            self.base, self.version = answer["value"], str(answer["rev"])
            self.typed = self.base
            ACCEPTED.append((self.measure, self.field, answer["value"], answer["rev"], id(self)))
        elif answer.get("status") == "overlap":
            STATE["conflicts"] += 1
            self.open_editor()


class Staff(Browser):
    abstract = True
    username = "fasilitator"

    def log_in(self):
        page = self.client.get("/konto/login/", name="login page").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        password = ARENA["staff"][self.username]
        self.client.post(
            "/konto/login/",
            data={"csrfmiddlewaretoken": token, "username": self.username, "password": password},
            name="login POST",
            allow_redirects=False,
        )


class Board(Staff):
    fixed_count = 2
    wait_time = constant_pacing(5)

    def on_start(self):
        self.log_in()
        self.client.get(f"{A}/fasilitering/", name="facilitation page")
        self.etag = ""

    @task
    def poll(self):
        headers = {"If-None-Match": self.etag} if self.etag else {}
        response = self.client.get(f"{A}/fasilitering/tavle/", headers=headers, name="board poll")
        self.etag = response.headers.get("ETag", self.etag)


class Wall(Staff):
    fixed_count = 2
    wait_time = constant_pacing(5)

    def on_start(self):
        self.log_in()
        self.client.get(f"{A}/vegg/", name="wall page")
        self.etag = ""

    @task
    def poll(self):
        headers = {"If-None-Match": self.etag} if self.etag else {}
        response = self.client.get(f"{A}/vegg/innhold/", headers=headers, name="wall poll")
        self.etag = response.headers.get("ETag", self.etag)


class ProjectLead(Staff):
    fixed_count = 1
    username = "prosjektleder"

    def wait_time(self):
        return random.uniform(20, 40)

    def on_start(self):
        self.log_in()

    @task
    def download(self):
        self.client.get(f"{A}/oppsummering/", name="summary page")
        fmt = random.choice(["docx", "pdf", "xlsx", "csv", "json"])
        self.client.get(f"{A}/oppsummering/last-ned/{fmt}/", name=f"download {fmt}")
