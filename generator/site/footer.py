"""The footer under every page: who makes the guide, that it is not the official portal, where to
send feedback, what the site keeps about a reader, and the day the site was built.

One footer serves every page of a language, at whatever depth the page lies, so its links start at
``ROOT_SLOT``: the engine puts the way up to the site root in its place on each page (an absolute
path on the 404 page, which a host serves at any address), and the print views, which are not the
engine's, give their own relative root. The wording is in i18n/<lang>.yml (``footer.*``), the HTML in
templates/pages/_footer.j2, and every address comes from routes.py.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.content.strings import Localizer
from generator.site import routes

ROOT_SLOT = "cgroot-5d1f"  # letters, digits and a hyphen: passes the engine's filters unchanged
OFFICIAL_PORTAL = "https://dichvucong.gov.vn/"  # the National Public Service Portal
FEEDBACK_ID = "gop-y"  # the feedback section of the about page


def build_date() -> dt.date:
    """The day the footer calls the last update: SOURCE_DATE_EPOCH when set (`make site` takes it from
    the last commit, so two builds of one commit are byte-identical, as the PDFs are), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


class Footer:
    """``feedback_url``: where readers send feedback (``feedback_url`` under [tool.citizen-guide] in
    pyproject.toml). Without one, the footer links to the about page's feedback section, which says
    what to do instead: no contact address is ever made up."""

    def __init__(self, templates: Path, strings: dict[str, dict[str, str]], updated: dt.date,
                 feedback_url: str = "") -> None:
        if feedback_url and not feedback_url.startswith("https://"):
            raise ValueError(f"feedback_url must be an https:// address, not {feedback_url!r}")
        self.strings = strings
        self.updated = updated
        self.feedback_url = feedback_url
        self.env = Environment(loader=FileSystemLoader(str(templates / "pages")),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def feedback(self, lang: str, root: str = ROOT_SLOT) -> str:
        return self.feedback_url or f"{routes.page('about', lang).from_base(root)}#{FEEDBACK_ID}"

    def html(self, lang: str, root: str = ROOT_SLOT) -> str:
        """The footer in one language; ``root``: the way up to the site root from the page it is on."""
        L = Localizer(lang, self.strings)
        return self.env.get_template("_footer.j2").render(
            t=L.t, updated=L.date(self.updated), iso_date=self.updated.isoformat(), portal=OFFICIAL_PORTAL,
            about=routes.page("about", lang).from_base(root), feedback=self.feedback(lang, root))
