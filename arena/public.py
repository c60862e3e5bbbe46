"""Pages for everyone that belong to no arena."""

from django.shortcuts import render


def accessibility_statement(request):
    return render(request, "accessibility_statement.html")
