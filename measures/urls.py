"""Measures' URLs, split by audience so that each list has one owner."""

from measures.urls_lead import urlpatterns as lead_patterns
from measures.urls_participant import urlpatterns as participant_patterns
from measures.urls_staff import urlpatterns as staff_patterns

app_name = "measures"

urlpatterns = participant_patterns + lead_patterns + staff_patterns
