"""`manage.py demo [ADDRPORT] [--no-serve]`: migrate, load the demo, create accounts, serve."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from labportal.accounts.demo import DEMO_ACCOUNTS, demo_accounts_ensure
from labportal.core.demo_loading import demo_content_load


class Command(BaseCommand):
    help = "Set up the embedded demo portal (migrate, demo accounts, demo program) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="Set up only; do not serve.")

    def handle(self, *args, addrport: str, no_serve: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        demo_accounts_ensure()
        summary = demo_content_load()
        self.stdout.write(self.style.SUCCESS(_("Demo portal ready.")))
        for line in summary:
            self.stdout.write(f"  {line}")
        self.stdout.write(_("Demo accounts (username / password / roles):"))
        for account in DEMO_ACCOUNTS:
            roles = ", ".join(str(r.label) for r in account.roles)
            self.stdout.write(f"  {account.username:<12} {account.password:<18} {roles}")
        if no_serve:
            return
        self.stdout.write(_("Serving on http://%(addr)s/ (Ctrl-C stops).") % {"addr": addrport})
        call_command("runserver", addrport, use_reloader=False)
