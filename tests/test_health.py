def test_health_answers_ok_and_is_never_cached(client, db):
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_ready_checks_database_and_cache(client, db):
    response = client.get("/klar/")
    assert response.status_code == 200
    assert response.content == b"ready"
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_ready_answers_503_when_the_cache_forgets(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/klar/")
    assert response.status_code == 503
    assert b"cache" in response.content


def test_html_is_sent_gzipped_to_browsers_that_accept_it(client, db):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
