def test_health_answers_ok_and_is_never_cached(client, db):
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]
