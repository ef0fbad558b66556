"""redtape.load / load_text: paths of every kind, and errors mapped to LoadError."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import redtape

from conftest import ENTERPRISE

BAD = """redtape: 1
procedure:
  id: p1
  volumne_per_year: 3
  steps:
    - id: a
      actor: applicant
      duration_days: "ba ngày"
"""


def test_load_folder_str_and_pathlike(catalog_dir: Path) -> None:
    by_str = redtape.load(str(catalog_dir))
    by_path = redtape.load(catalog_dir)
    assert len(by_str) == len(by_path) == 8
    assert by_str == by_path
    assert ENTERPRISE in by_str
    assert by_str.warnings == []


def test_load_list_of_files_with_their_registry(catalog_dir: Path) -> None:
    c = redtape.load([catalog_dir / "enterprise_registration.yaml", catalog_dir / "registry.yaml"], jobs=1)
    assert c.ids == [ENTERPRISE]
    assert any(d.id == "citizen_id" for d in c.documents)
    assert c.cost_model.currency == "VND"


def test_load_text() -> None:
    c = redtape.load_text(
        "redtape: 1\nprocedure:\n  id: x\n  steps:\n    - {id: a, actor: applicant, action: submit}\n", "mem.yaml"
    )
    assert c.ids == ["x"]
    assert c["x"].file == "mem.yaml"
    assert c["x"].steps["a"].source.line == 5


def test_bad_yaml_raises_load_error_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    with pytest.raises(redtape.LoadError) as caught:
        redtape.load(bad)
    e = caught.value
    assert isinstance(e, redtape.Error) and not type(e) is RuntimeError
    assert e.file == str(bad)
    assert (e.line, e.column) == (4, 3)
    codes = {d.code for d in e.diagnostics}
    assert "unknown-key" in codes
    typo = next(d for d in e.diagnostics if d.code == "unknown-key")
    assert "volume_per_year" in typo.message  # the did-you-mean
    assert typo.message_vi and typo.message_vi != typo.message
    assert typo.severity == "error"
    assert typo.format("vi").startswith(f"{bad}:4:3: lỗi:")
    # every error of the file, not only the first
    assert any(d.line == 8 for d in e.diagnostics)
    assert str(bad) in str(e)


def test_load_error_pickles(tmp_path: Path) -> None:
    with pytest.raises(redtape.LoadError) as caught:
        redtape.load_text(BAD, "bad.yaml")
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is redtape.LoadError
    assert (again.file, again.line, again.column) == ("bad.yaml", 4, 3)
    assert again.diagnostics == caught.value.diagnostics


def test_missing_path_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(redtape.LoadError) as caught:
        redtape.load(tmp_path / "nowhere")
    assert "nowhere" in caught.value.file


def test_wrong_argument_types() -> None:
    with pytest.raises(redtape.InvalidArgumentError):
        redtape.load(42)
    with pytest.raises(ValueError):  # InvalidArgumentError is also a ValueError
        redtape.load([Path("."), 3])


def test_error_hierarchy() -> None:
    assert issubclass(redtape.LoadError, redtape.Error)
    assert issubclass(redtape.ValidationError, redtape.LoadError)
    assert issubclass(redtape.NotFoundError, KeyError) and issubclass(redtape.NotFoundError, redtape.Error)
    assert issubclass(redtape.InvalidArgumentError, ValueError)
    assert issubclass(redtape.ReadOnlyError, AttributeError)
    assert issubclass(redtape.LoadWarning, UserWarning)
    assert not issubclass(redtape.Error, RuntimeError)
