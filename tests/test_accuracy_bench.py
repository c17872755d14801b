"""``python -m benchmarks.accuracy``, the accuracy figures as data, on two corpus pages (a few seconds):
leave-one-paper-out tunes on one paper, scores the other, and says which pages each figure
rests on; the JSON names the date, the machine and the commit."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the benchmarks package

from benchmarks import accuracy


@pytest.fixture
def two_papers(corpus: Path) -> list[accuracy.Sample]:
    samples = [s for s in accuracy.corpus_samples() if s.paper in ("福州晚报", "甘肃法治报")]
    assert [s.name for s in samples] == [
        "fuzhou-wanbao-2024-04-19-p07.pdf",
        "gansu-fazhibao-2024-08-09-p08.pdf",
    ]
    return samples


def test_each_paper_is_held_out_once_and_scored_with_what_the_others_chose(
    two_papers: list[accuracy.Sample],
) -> None:
    scorer = accuracy.Scorer()
    folds = accuracy.leave_one_out(scorer, two_papers, ["display"], log=lambda line: None)
    assert [fold["held_out"] for fold in folds] == ["福州晚报", "甘肃法治报"]
    for fold, other in zip(folds, reversed(two_papers), strict=True):
        assert fold["in_sample"]["page_names"] == [other.name]  # tuned on the other paper only
        assert fold["held_out_tuned"]["pages"] == 1
        assert set(fold["held_out_tuned"]) >= {"f1", "stories_whole", "title_recall", "title_precision"}
        assert fold["settings_tried"] == len(accuracy.candidates(["display"])["display"])  # with the defaults
        # both pages read perfectly at the defaults, so no change gains and nothing is tuned
        assert fold["tuned"] == {} and fold["objective_held_out"] == fold["objective_held_out_default"] == 1.0
    # every page read once for each setting, however many folds asked
    assert scorer.pages_read == 2 * len(accuracy.candidates(["display"])["display"])


def test_a_parameter_set_elsewhere_changes_what_the_route_reads(two_papers: list[accuracy.Sample]) -> None:
    scorer = accuracy.Scorer()
    gansu = two_papers[1]
    assert scorer.score(gansu).f1 == 1.0
    assert scorer.score(gansu, {"display": 3.0}).f1 < 1.0  # hardly anything is display type
    assert scorer.score(gansu).f1 == 1.0  # and the defaults are back


def test_the_json_holds_the_corpus_per_paper_with_date_and_machine(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "accuracy.json"
    assert accuracy.main(["--no-loo", "--output", str(output)]) == 0
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["date"] and data["machine"]["cpus"] and "commit" in data["machine"]
    papers = data["corpus"]["papers"]
    assert set(papers) == {"人民日报", "福州晚报", "甘肃法治报", "新三门"}
    assert papers["新三门"]["page_names"] == ["xin-sanmen-2011-05-24-p02.pdf"]
    assert data["corpus"]["pooled"]["pages"] == len(data["corpus"]["pages"]) == 11
