"""The rules behind publish and rollback, as plain functions: history, pruning, carried
assets, space, manifests, and the verification of a build's every file."""

import gzip
from datetime import UTC, datetime, timedelta

import brotli

from uplift.publish.manifest import folder_table, manifest_text, read_manifest, table_problems
from uplift.publish.releases import (
    Switch,
    TargetState,
    asset_sources,
    classify,
    history_text,
    live_stack,
    own_hashed_assets,
    parse_history,
    releases_to_prune,
    rollback_candidates,
    space_needed,
)
from uplift.publish.verification import internal_links, verify_build

T0 = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
A, B, C, D = (f"2026112{n}T120000000000Z" for n in range(1, 5))


def switches(*events):
    return [Switch(T0 + timedelta(minutes=i), action, name) for i, (action, name) in enumerate(events)]


def test_rollback_follows_what_was_live():
    history = switches(("publish", A), ("publish", B), ("rollback", A), ("publish", C))
    stack = live_stack(history, C)
    assert stack == [A, C]
    assert rollback_candidates(stack, {A, B, C}, C) == [A]  # never B, which was rolled away from


def test_a_switch_missing_from_the_history_is_taken_from_current():
    history = switches(("publish", A), ("publish", B))
    assert live_stack(history, C) == [A, B, C]  # killed after switching to C
    assert live_stack(history, A) == [A]  # killed after rolling back to A


def test_rollback_skips_incomplete_releases():
    stack = live_stack(switches(("publish", A), ("publish", B), ("publish", C)), C)
    assert rollback_candidates(stack, {A, C}, C) == [A]


def test_history_survives_a_round_trip_and_ignores_junk():
    history = switches(("publish", A), ("rollback", B))
    assert parse_history(history_text(history) + "half a line\n") == history


def test_pruning_counts_complete_releases_only_and_keeps_rollback_targets():
    names = [f"2026110{n}T000000000000Z" for n in range(1, 8)]
    stack = [names[0], names[6]]
    pruned = releases_to_prune(set(names), names[6], stack, keep=3)
    assert pruned == names[1:5]  # kept: the live one, the one rollback returns to, the newest other
    assert names[0] not in releases_to_prune(set(names), names[0], [names[0]], keep=1)


def test_classify_tells_releases_from_leftovers():
    folders, manifests, strays = classify([f"{A}/", f"{A}.manifest", f"{B}/", f".{C}.manifest.9.tmp", "x/"])
    state = TargetState(A, folders, manifests, strays, "")
    assert state.complete == {A} and state.incomplete == [B]
    assert strays == [f".{C}.manifest.9.tmp", "x"]


def test_assets_of_recently_live_releases_are_carried_for_a_grace_period():
    history = switches(("publish", A), ("publish", B), ("publish", C))
    assert asset_sources(history, C, T0 + timedelta(hours=1)) == [C, A, B]
    assert asset_sources(history, C, T0 + timedelta(days=2)) == [C]
    files = {"theme/css/main.0123456789.css": (1, "x"), "theme/css/main.0123456789.css.br": (1, "y"),
             "theme/images/share.png": (1, "z"), "pagefind/fragment/en_abc.pf_fragment": (1, "w"),
             "index.html": (1, "v"), "theme/js/search.9876543210.js": (1, "u")}
    own = own_hashed_assets(files, carried={"theme/js/search.9876543210.js"})
    assert sorted(own) == ["pagefind/fragment/en_abc.pf_fragment", "theme/css/main.0123456789.css",
                           "theme/css/main.0123456789.css.br"]


def test_space_needed_counts_every_file_as_a_copy():
    files = {"a/x": (5000, "1"), "a/y": (10, "2"), "b/z": (4096, "3")}
    needed, inodes = space_needed(files, block_size=4096)
    assert needed == (2 + 1 + 1 + 2) * 4096 + (1 << 20) and inodes == 3 + 2


def test_manifest_round_trip_and_differences(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.html").write_text("hello")
    table = folder_table(tmp_path)
    assert read_manifest(manifest_text(table, {"a/x.html"})) == (table, {"a/x.html"})
    (tmp_path / "a" / "x.html").write_text("hellO")
    (tmp_path / "new").write_text("")
    assert table_problems(table, folder_table(tmp_path)) == ["a/x.html differs from the build",
                                                            "new is not part of the release"]
    assert table_problems(table, {}, extra_allowed=True) == ["a/x.html is missing"]


def write_site(folder):
    html = "<html><body>Hi</body></html>"
    (folder / "index.html").write_text(html)
    (folder / "index.html.gz").write_bytes(gzip.compress(html.encode()))
    (folder / "index.html.br").write_bytes(brotli.compress(html.encode()))
    (folder / "search").mkdir()
    (folder / "search" / "index.html").write_text(html)
    pagefind = folder / "pagefind"
    (pagefind / "index").mkdir(parents=True)
    (pagefind / "pagefind-entry.json").write_text(
        '{"version":"1.5.2","languages":{"en":{"hash":"en_1","wasm":"en","page_count":1}}}')
    for name in ("pagefind.en_1.pf_meta", "wasm.en.pagefind", "index/en_2.pf_index"):
        (pagefind / name).write_bytes(gzip.compress(b"pagefind_dcd" + b"data"))


def test_verification_reads_every_file_not_only_the_html(tmp_path):
    write_site(tmp_path)
    assert verify_build(tmp_path, "https://www.example.com") == []
    (tmp_path / "index.html.br").write_bytes(b"")  # as a full disk leaves it
    (tmp_path / "index.html.gz").write_bytes(gzip.compress(b"<html>other</html>"))
    (tmp_path / "pagefind" / "index" / "en_2.pf_index").write_bytes(b"\x1f\x8b")  # truncated
    (tmp_path / "pagefind" / "wasm.en.pagefind").unlink()
    assert verify_build(tmp_path, "https://www.example.com") == [
        "index.html.br is empty (a write failed?)",
        "index.html.gz does not decompress to index.html (a write failed?)",
        "index.html.br does not decompress to index.html (a write failed?)",
        "pagefind/wasm.en.pagefind is missing",
        "pagefind/index/en_2.pf_index is not a whole search index file",
    ]


def test_verification_finds_broken_links_drafts_and_placeholders(tmp_path):
    (tmp_path / "index.html").write_text('<a href="/missing/">x</a><a href="/ok/">ok</a>'
                                         '<a href="https://other.example/">elsewhere</a>')
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "index.html").write_text('<link href="../index.html">')
    (tmp_path / "drafts").mkdir()
    problems = verify_build(tmp_path, "https://www.example.com", ["phone"])
    assert problems == [
        "the build contains drafts/ (drafts must never be published)",
        "practice facts are still placeholders: phone",
        "index.html: the link to /missing/ leads nowhere",
    ]
    assert verify_build(tmp_path, "https://www.example.com", ["phone"], allow_placeholders=True)[-1] \
        == "index.html: the link to /missing/ leads nowhere"


def test_internal_links_keep_only_our_own_paths():
    html = ('<a href="https://www.example.com/fees/">f</a><a href="mailto:a@b.c">m</a>'
            '<a href="#top">t</a><img src="/theme/x.css"><a href="https://cms.gov/x">c</a>')
    assert internal_links(html, "https://www.example.com") == ["/fees/", "/theme/x.css"]
