"""What several staff views of the arena app share."""


def is_write(request):
    return request.method == "POST"
