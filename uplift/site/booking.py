"""Booking links: every call-to-action leads to BOOK_URL?from=<where the reader is>.

Templates get booking_link(source). The web server counts the request in its log
and redirects to the practice's booking address (uplift.server), so the practice
learns which pages lead to consultations and the booking service learns nothing.
"""

from urllib.parse import quote

from pelican import signals

from uplift.server.access_log import booking_facts


def booking_link(settings, source):
    """A booking call-to-action's address: BOOK_URL?from=<where the reader is>."""
    path, _ = booking_facts(settings)
    return f"{settings['SITEURL']}{path}?from={quote(str(source), safe='')}"


def add_booking_link(generator):
    generator.env.globals["booking_link"] = lambda source: booking_link(generator.settings, source)


def register():
    signals.generator_init.connect(add_booking_link)
