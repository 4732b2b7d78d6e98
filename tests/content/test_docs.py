"""WRITING.md's field tables are the content model's: every field the checker knows, as it knows it."""

from tests.helpers import ROOT
from uplift.content import model
from uplift.content.docs import field_table, with_tables


def test_the_writing_guide_holds_the_models_tables():
    guide = (ROOT / "WRITING.md").read_text(encoding="utf-8")
    assert with_tables(guide) == guide, "run `invoke docs` after changing uplift/content/model.py"
    for kind in (model.ARTICLE, model.TEAM_MEMBER, model.TOPIC):
        assert field_table(kind) in guide, kind.name


def test_a_table_lists_every_field_offered_with_its_type_and_limits():
    table = field_table(model.ARTICLE)
    names = [line.split("|")[1].strip().strip("`") for line in table.splitlines()[2:]]
    assert names == [item.name for item in model.ARTICLE.fields if item.editor]
    assert "| `Summary` | yes | one line of plain text, 70 to 160 characters |" in table
    assert "one of the values listed: published, draft, hidden" in table
