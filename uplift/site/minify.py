"""Pure functions: content-hashed names and minification."""

import hashlib
import posixpath

import minify_html

HASH_LENGTH = 10


def fingerprinted_name(relative_path, content):
    """css/main.css + its bytes -> css/main.<first 10 hex of sha256>.css"""
    stem, extension = posixpath.splitext(relative_path)
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return f"{stem}.{digest}{extension}"


def minify_html_text(html):
    # Opening <html> and <head> tags are kept: validators and some crawlers expect them.
    return minify_html.minify(html, minify_css=True, keep_html_and_head_opening_tags=True,
                              keep_closing_tags=True)


def minify_css(css):
    """minify-html minifies CSS inside <style>; a stylesheet is wrapped and unwrapped."""
    wrapped = minify_html.minify(f"<style>{css}</style>", minify_css=True)
    return wrapped.removeprefix("<style>").removesuffix("</style>")
