"""PreviewBuilder: the saved file alone at once, in-process; the rest of the site beside it."""

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from pelican import Pelican, signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import read_settings
from pelican.writers import Writer

from uplift.content import format_problems
from uplift.site import state, strict
from uplift.site.checking import saved_file_links
from uplift.site.editor import write_editor_checks
from uplift.site.reading_aids import annotate
from uplift.site.settings import apply_defaults
from uplift.site.topics import canonical_tags

logger = logging.getLogger(__name__)

# Where each kind of post lives in a generator, by status.
_LISTS = {Article: {"published": "articles", "draft": "drafts", "hidden": "hidden_articles"},
          Page: {"published": "pages", "draft": "draft_pages", "hidden": "hidden_pages"}}
# render_saved's answer when the saved post left its address (or its status): every page that
# links to it must be written again before any tab is told.
MOVED = "moved"
_SIGNALS = {Article: (signals.article_generator_preread, signals.article_generator_context),
            Page: (signals.page_generator_preread, signals.page_generator_context)}


class PreviewBuilder:
    """Builds for the live preview: the saved post alone with the site kept warm in this
    process (`render_saved`), quick passes in-process, complete builds alongside."""

    def __init__(self, settings_file, content=None, output="output", cache="cache", origin=None,
                 settings=None):
        self.settings_file = str(settings_file)
        self.overrides = {"OUTPUT_PATH": str(Path(output).resolve()),
                          "CACHE_PATH": str(Path(cache).resolve()),
                          "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                          "STRICT_BUILD": False,  # a problem is shown, the preview keeps serving
                          # The editor's 5 MB bundle is sent compressed (a .gz sibling, made once
                          # per version and cached: gzip is quick, brotli's best level is not).
                          "PRECOMPRESS_GZIP": True}
        if origin:  # absolute links (feeds, canonical URLs) point at the preview itself
            self.overrides.update(SITE_ORIGIN=origin, FEED_DOMAIN=origin)
        # The browser editor's preview pane shows what the checker found in each file.
        self.overrides["EDITOR_CHECKS"] = True
        self.overrides.update(settings or {})
        if content:
            self.overrides["PATH"] = str(Path(content).resolve())
        self.background = None
        self.warm = None  # the last in-process pass's BuildState: its generators and context
        self.site_map = None  # the addresses links are checked against, made at the first link
        self.entries = {}  # resolved source path -> its key in the warm state's entries
        self.checks = {}  # content-relative path -> [Problem]: checks.json, kept up to date

    def full_build(self, index=True, wait=True):
        """Every page, feeds and (unless index=False) the search index, in a subprocess."""
        self.stop_background()
        command = [sys.executable, "-m", "pelican", "-s", self.settings_file, "-e",
                   *(f"{key}={json.dumps(value)}" for key, value in self.overrides.items()),
                   f"SEARCH_INDEX={json.dumps(index)}"]
        if wait:
            return subprocess.run(command).returncode
        # Its own process group: stopping it stops Pagefind with it (search_index.py).
        self.background = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
        return None

    def background_done(self):
        """Has the complete build started by full_build(wait=False) just finished? (once)"""
        if self.background is not None and self.background.poll() is not None:
            self.background = None
            return True
        return False

    def quick_build(self, changed_paths):
        """Write the pages of the changed sources now, in this process, reading every other
        file from the content cache; the site's state is kept warm for the next save."""
        self.stop_background()  # an older complete build must not overwrite newer pages
        settings = read_settings(self.settings_file, override={
            **self.overrides, "SEARCH_INDEX": False, "OUTPUT_FOLDERS_AHEAD": False,
            "PREVIEW_WRITE_ONLY": [str(Path(p).resolve()) for p in changed_paths]})
        # The selective writer (uplift.preview's own plugin) for this pass only.
        settings["PLUGINS"] = [*settings["PLUGINS"], "uplift.preview"]
        self.warm, self.site_map = None, None
        try:
            Pelican(settings).run()
        except SystemExit:
            pass  # problems were reported; the preview keeps serving the last good pages
        except Exception as error:  # the preview must survive whatever a save brings
            logger.error("The preview could not rebuild: %s", error)
            return
        build = state.of(settings)
        self.warm = build if build.generators else None
        # Made once per pass, not on each save: both grow with the site.
        self.entries = {Path(entry.path).resolve(): shown for shown, entry in build.entries.items()}
        self.checks = build.problems_by_file()

    def warm_up(self):
        """Load Pelican, the content cache and the site's state in this process now."""
        self.quick_build([])

    def render_saved(self, path):
        """Read and write the page of one saved article or page alone, with the rest of the site
        as the last pass left it, and the checker's findings for it (checks.json).

        Returns the output file written; MOVED when the post changed its address or status (then
        every page links to it again: full_build); None when the save changes more than its own
        page (a new file, new topics, a file that is no post): then quick_build."""
        if self.warm is None:
            return None
        self.stop_background()
        try:
            return self._render_saved(Path(path).resolve())
        except Exception as error:  # whatever goes wrong here, the quick pass does it right
            logger.debug("Rendering %s alone failed (%s); a quick pass follows", path, error)
            self.warm = None
            return None

    def _render_saved(self, path):
        build = self.warm
        settings = build.settings
        found = _find(build.generators, str(path))
        if found is None:
            return None
        generator, kind, old = found
        base = Path(generator.path).resolve()
        build.entries.pop(self.entries.get(path), None)  # its problems are found afresh
        preread, context_signal = _SIGNALS[kind]
        if strict.COLLECTOR.sink is not build.logged:  # what is logged now belongs to this save
            strict.COLLECTOR.follow(build)
        new = generator.readers.read_file(
            base_path=str(base), path=str(path.relative_to(base)), content_class=kind,
            context=generator.context, preread_signal=preread, preread_sender=generator,
            context_signal=context_signal, context_sender=generator)
        # The state may be newer than the pages (a save while it loaded): a post whose page is not
        # where the state says has moved for every page that links to it.
        if not isinstance(new, kind) or not new.is_valid() or new.status != old.status or \
                new.save_as != old.save_as or not (Path(generator.output_path) / old.save_as).is_file():
            return MOVED
        # What the site's plugins add once everything is read, for this post alone.
        if kind is Article:
            canonical_tags(SimpleNamespace(settings=settings, articles=[new], drafts=[],
                                           hidden_articles=[], context={}))
            if {tag.slug for tag in new.tags} != {tag.slug for tag in old.tags}:
                return None  # topic pages change: a quick pass writes them
        annotate([new], settings["READING_WORDS_PER_MINUTE"])
        for name, value in vars(old).items():  # related posts, neighbours: kept from the last pass
            if name not in vars(new):
                setattr(new, name, value)
        source = new.content_source
        problems, self.site_map = saved_file_links(new, build.generators, self.site_map)
        build.add(source.path, problems)
        entry = build.entries[source.path]
        new.content_problems = sorted(entry.problems, key=lambda problem: problem.line)
        new.is_scheduled = bool(entry.scheduled)
        _replace(old, new, build.generators)
        generator.add_source_path(new)

        writer = Writer(generator.output_path, settings=settings)
        template = generator.get_template(new.template)
        common = {"relative_urls": settings["RELATIVE_URLS"], "url": new.url,
                  "override_output": hasattr(new, "override_save_as")}
        if kind is Article:
            writer.write_file(new.save_as, template, generator.context, article=new, category=new.category,
                              blog=True, all_articles=generator.articles, **common)
        else:
            writer.write_file(new.save_as, template, generator.context, page=new, **common)
        self.entries[path] = source.path
        if build.root is not None and path.is_relative_to(build.root.resolve()):
            self.checks[path.relative_to(build.root.resolve()).as_posix()] = new.content_problems
        write_editor_checks(settings, generator.output_path, self.checks)
        logged = strict.logged_problems(build)
        if entry.problems or logged:
            sys.stderr.write(format_problems([*new.content_problems, *logged], "save again") + "\n")
            sys.stderr.flush()
        return str(Path(generator.output_path) / new.save_as)

    def content_folder(self):
        return self.setting("PATH")

    def settings(self):
        """The settings of this preview's builds (the site plugin's defaults applied)."""
        settings = read_settings(self.settings_file, override=self.overrides)
        apply_defaults(settings)
        return settings

    def setting(self, name):
        return self.settings()[name]

    def stop_background(self):
        if self.background and self.background.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # ended just now
                os.killpg(self.background.pid, signal.SIGTERM)
            self.background.wait()
        self.background = None


def _find(generators, source_path):
    """(generator, content class, object) of the post read from source_path, if any."""
    for generator in generators:
        kind = Article if isinstance(generator, ArticlesGenerator) else \
            Page if isinstance(generator, PagesGenerator) else None
        if kind is None:
            continue
        for name in _LISTS[kind].values():
            for item in getattr(generator, name, []):
                if item.source_path == source_path:
                    return generator, kind, item
    return None


def _replace(old, new, generators):
    """Put `new` where `old` was in the warm state: the generators' lists, the shared context,
    the topics' lists, other posts' related lists and neighbours (their pages follow later)."""
    def swap(items):
        for index, item in enumerate(items):
            if item is old:
                items[index] = new

    context = generators[0].context
    lists = [value for value in context.values() if isinstance(value, list)]
    lists += [part for value in context.values() if isinstance(value, list)
              for entry in value if isinstance(entry, tuple) for part in entry if isinstance(part, list)]
    for generator in generators:
        lists += [value for value in vars(generator).values() if isinstance(value, list)]
        for item in [*getattr(generator, "articles", []), *getattr(generator, "drafts", [])]:
            lists.append(getattr(item, "related", []))
            for name in ("newer_article", "older_article"):
                if getattr(item, name, None) is old:
                    setattr(item, name, new)
    for topic in context.get("topics", {}).values():
        lists.append(getattr(topic, "articles", []))
        if getattr(topic, "start_here", None) is old:
            topic.start_here = new
    for items in lists:
        swap(items)
