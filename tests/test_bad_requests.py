"""No request makes a 500: every URL name of the project, asked as anonymous, as a participant
and as a facilitator, with NUL bytes and odd charsets in its path, query, body and cookies,
answers 4xx or a normal page.

The URL names and their arguments come from the permission matrix (tests/permission_cases/),
so a new page is fuzzed as soon as it has its matrix case, with real objects behind its
arguments: the view runs as far as the input lets it, not just to a 404 for a missing object.
"""

from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse

from tests.test_permission_matrix import CASES
from tests.test_permission_matrix import world as world  # a fixture, used by name

PERSONAS = ("anonymous", "participant_a", "facilitator")
NUL = "a\x00b"
# Query parameters the views read, plus one nobody reads.
PARAMS = ("organisation_query", "q", "since", "t", "felt", "uker", "side", "kopier", "x")


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Every probe must reach its view, not a 429 of a used-up limit."""
    settings.RATELIMIT_ENABLE = False


def _first_cases():
    """One case per URL name and method: the first, whose arguments point at real objects."""
    found = {}
    for case in CASES:
        if case.label != "wrong-arena":
            found.setdefault((case.url_name, case.method), case)
    return found


FIRST = _first_cases()
URL_NAMES = sorted({name for name, _method in FIRST})


def _case(name):
    return FIRST.get((name, "get")) or FIRST[(name, "post")]


def _post_data(name, world):
    case = FIRST.get((name, "post"))
    return {k: str(v) for k, v in (case.data(world) if case else {}).items()}


def _paths(name, world):
    """The real URL, and the URL with each text argument replaced by hostile text."""
    kwargs = _case(name).kwargs(world)
    url = reverse(name, kwargs=kwargs)
    paths = [url]
    for value in kwargs.values():
        if isinstance(value, str) and value:
            for hostile in ("abc\x00def", "%ff%fe", "\u202e\ufffe"):
                paths.append(url.replace(f"/{quote(value)}/", f"/{quote(hostile, safe='%')}/", 1))
    return paths


FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def _probes(url, data):
    """(description, method, path, body, content type, extra headers) for one URL."""
    form = "&".join(f"{quote(k)}={quote(v)}" for k, v in data.items())
    nul_query = "&".join(f"{p}=a%00b" for p in PARAMS)
    odd_query = "&".join(f"{p}=%ff%fe%c0" for p in PARAMS) + "&uker=-1&since=x&side=9999999999"
    broken_part = b"--zz\r\nContent-Disposition: form-data\r\n\r\n\x00"
    return [
        ("GET", "GET", url, "", FORM, {}),
        ("GET NUL query", "GET", f"{url}?{nul_query}", "", FORM, {}),
        ("GET odd query", "GET", f"{url}?{odd_query}", "", FORM, {}),
        ("GET NUL header", "GET", url, "", FORM, {"HTTP_IF_NONE_MATCH": '"a\x00b"'}),
        ("POST NUL key", "POST", url, f"{form}&a%00b=1", FORM, {}),
        ("POST NUL values", "POST", url, _nul_values(data), FORM, {}),
        ("POST invalid UTF-8", "POST", url, f"{form}&x=%ff%fe".encode() + b"\xff", FORM, {}),
        ("POST UTF-16", "POST", url, form.encode("utf-16"), f"{FORM}; charset=utf-16", {}),
        ("POST unknown charset", "POST", url, form, f"{FORM}; charset=x-bogus", {}),
        ("POST broken multipart", "POST", url, broken_part, f"{MULTIPART}; boundary=zz", {}),
        ("POST multipart without boundary", "POST", url, b"x", MULTIPART, {}),
        ("POST JSON with NUL", "POST", url, '{"a": "\\u0000"}', "application/json", {}),
    ]


def _nul_values(data):
    values = {**data, "text": NUL, "title": NUL, "code": NUL, "username": NUL}
    return "&".join(f"{quote(k)}={quote(v)}" for k, v in values.items())


def _cookie_probe(client, url):
    """The persona's own cookies plus one holding a NUL (Python's cookie parser turns the
    octal escape `\\000` back into a NUL byte)."""
    jar = "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())
    return ("GET NUL cookie", "GET", url, "", FORM, {"HTTP_COOKIE": f'{jar}; csrftoken="\\000x"'})


@pytest.mark.parametrize("name", URL_NAMES)
def test_no_url_answers_a_hostile_request_with_a_server_error(name, persona_client, world):
    failures, asked = [], 0
    for persona in PERSONAS:
        client = persona_client(persona)
        client.raise_request_exception = False
        for url in _paths(name, world):
            probes = [*_probes(url, _post_data(name, world)), _cookie_probe(client, url)]
            for what, method, path, body, content_type, extra in probes:
                status = client.generic(method, path, body, content_type, **extra).status_code
                asked += 1
                if status >= 500:
                    failures.append(f"{persona} {what} {url}: {status}")
    assert failures == []
    assert asked >= len(PERSONAS) * 13


def test_the_fuzz_covers_every_url_name():
    from tests.test_permission_matrix import project_url_names

    assert project_url_names() - set(URL_NAMES) == set()


@pytest.mark.django_db
def test_the_fuzz_would_see_a_server_error(client, settings):
    """The probes reach the views: a view that crashes on a NUL is reported, not hidden."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite stores a NUL; PostgreSQL refuses it, which is what made the 500")
    client.raise_request_exception = False
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "CleanRequest" not in m]
    assert client.get("/fortsett/abc%00def/").status_code == 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/fortsett/abc%00def/", {}),
        ("/bli-med/BUS-7Q4K/aktorer/?organisation_query=a%00b", {}),
        ("/bli-med/", {"HTTP_COOKIE": 'sessionid="\\000abc"'}),
    ],
)
def test_a_nul_in_the_request_is_a_norwegian_400(client, path, extra):
    response = client.get(path, **extra)
    assert response.status_code == 400
    assert "Vi forstod ikke forespørselen" in response.content.decode()


@pytest.mark.django_db
def test_a_form_posted_as_utf16_is_a_400(client):
    body = "code=BUS-7Q4K".encode("utf-16")
    content_type = "application/x-www-form-urlencoded; charset=utf-16"
    assert client.generic("POST", "/bli-med/", body, content_type).status_code == 400


@pytest.mark.django_db
def test_a_nul_typed_into_a_form_value_is_dropped_not_refused(client):
    response = client.post("/bli-med/", {"code": "XX\x00-1234"})
    assert response.status_code == 200  # the form again, saying the code is unknown
    assert "\x00" not in response.content.decode()
