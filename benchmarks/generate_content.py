"""Realistic content for benchmarks: N articles over the site's topics.

Copies the real content/ (pages, topics, the two seed posts) and adds N
articles of 500 to 900 words with headings, lists, topic tags and summaries,
written from the seed posts' own sentences. Seeded, so every run is the same.
"""

import random
import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def sentence_bank():
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    sentences = re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text.replace("•", "")))
    return [s for s in sentences if 40 <= len(s) <= 240]


def topic_names(content):
    names = []
    for path in sorted((content / "topics").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("Title:"):
                names.append(line.split(":", 1)[1].strip())
    return names


def article(number, rng, sentences, topics, start):
    def paragraph(count):
        return " ".join(rng.choice(sentences) for _ in range(count))

    title = f"Notes on closeness, part {number}: {rng.choice(topics).lower()} and everyday life"
    tags = ", ".join(rng.sample(topics, rng.randint(1, 4)))
    date = start + timedelta(hours=number * 7)
    body = [paragraph(4), ""]
    for section in range(rng.randint(3, 5)):
        body += [f"## Section {section + 1}: {rng.choice(topics)}", "", paragraph(rng.randint(3, 5)), ""]
        if rng.random() < 0.6:
            body += [f"- {rng.choice(sentences)}" for _ in range(rng.randint(3, 5))] + [""]
        body += [paragraph(rng.randint(2, 4)), ""]
    summary = ("How couples notice distance, talk about it without blame, and rebuild closeness "
               f"step by step (part {number}).")
    return (f"Title: {title}\nSlug: notes-{number:05d}\nDate: {date:%Y-%m-%d %H:%M}\n"
            f"Tags: {tags}\nSummary: {summary}\n\n" + "\n".join(body))


def generate(destination, count, seed=1):
    """Write a content folder with the real pages and topics and `count` articles."""
    destination = Path(destination)
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(ROOT / "content", destination)
    rng = random.Random(seed)
    sentences, topics = sentence_bank(), topic_names(destination)
    start = datetime(2019, 1, 1, 9, 0)
    for number in range(1, count + 1):
        path = destination / "articles" / f"notes-{number:05d}.md"
        path.write_text(article(number, rng, sentences, topics, start), encoding="utf-8")
    return destination


if __name__ == "__main__":
    import sys

    print(generate(sys.argv[1], int(sys.argv[2])))
