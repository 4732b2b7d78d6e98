"""Which output files a quick preview pass writes."""

# Listings the writer is likely to look at next after a change; cheap to render.
ALWAYS = {"index.html"}


def affected(name, objects, changed_sources, changed_topics):
    """Should the output file `name` be written for this change?

    objects: what Pelican passes to the template (article=, page=, tag=...).
    """
    item = objects.get("article") or objects.get("page")
    if item is not None:
        return getattr(item, "source_path", None) in changed_sources
    tag = objects.get("tag")
    if tag is not None:
        return tag.slug in changed_topics
    # A pass for no change (loading the site's state) writes nothing: the content may have changed
    # since the complete build, and a listing written from it would link to pages not written yet.
    return bool(changed_sources) and name in ALWAYS
