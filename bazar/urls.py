"""The bazar's pages: what visitors use (urls_visitor.py: events, booths, interest cards)
and what organisers use (urls_organiser.py: set-up, check-in, collection; urls_invitations.py:
invitations and receipts)."""

from .urls_effect import urlpatterns as effect
from .urls_groups import urlpatterns as groups
from .urls_invitations import urlpatterns as invitations
from .urls_organiser import urlpatterns as organiser
from .urls_visitor import urlpatterns as visitor

app_name = "bazar"

# Organisers' fixed paths first, so that a booth slug never shadows them.
urlpatterns = [*organiser, *invitations, *effect, *groups, *visitor]
