#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets (corpus/<target>/), from the
repository's own inputs and a handful of records of ../shared/data.

    tests/fuzz/make_corpus.py [--shared /work/shared/data]

Deterministic: the same sources give the same files, named by a hash of their
content. Run it again when the sources change. Files named found-* are inputs
libFuzzer found (merged back by hand, see docs/reliability.md): this script
leaves them alone."""

import argparse
import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MAX_BYTES = 16 * 1024  # a seed larger than this slows every mutation of it

# ../shared/data: at most 20 small records (the brief of issue 10 allows them).
SHARED_FLATTENED = 14
SHARED_SPLIT = 6

FLATTENED_KEYS = ["ma_thu_tuc", "ten_thu_tuc", "detail_url", "so_quyet_dinh", "cap_thuc_hien", "loai_thu_tuc",
                  "linh_vuc", "doi_tuong_thuc_hien", "co_quan_co_tham_quyen", "co_quan_thuc_hien", "co_quan_phoi_hop",
                  "co_quan_duoc_uy_quyen", "dia_chi_tiep_nhan", "trinh_tu_thuc_hien", "cach_thuc_thuc_hien",
                  "thanh_phan_ho_so", "can_cu_phap_ly", "yeu_cau_dieu_kien", "ket_qua_xu_ly"]
CHANNEL_CELLS = ["Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí", "Mô tả"]
DOCUMENT_CELLS = ["Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng - bản chính"]


def write(target: str, data: bytes, out: dict) -> None:
    if len(data) > MAX_BYTES:
        return
    out.setdefault(target, {})[hashlib.sha1(data).hexdigest()[:16]] = data


def text(v) -> str:
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def loads_encoding(record: dict) -> bytes:
    """The input of import_loads (import_loads.cpp explains it) for a record."""
    sep, cell = b"\xff", b"\xfe"
    if "ma_thu_tuc" in record or "ten_thu_tuc" in record:
        fields = [b"\x00"] + [text(record.get(k, "")).encode() for k in FLATTENED_KEYS]
        return sep.join(fields)
    oid = record.get("_id", {})
    oid = oid.get("$oid", "") if isinstance(oid, dict) else text(oid)
    fields = [b"\x01"] + [text(record.get(k, "")).encode()
                          for k in ("title", "Trình tự thực hiện", "Cơ quan thực hiện")] + [oid.encode()]
    for key, tag, cells in (("Cách thức thực hiện", b"c", CHANNEL_CELLS), ("Thành phần hồ sơ", b"d", DOCUMENT_CELLS)):
        rows = record.get(key, [])
        if isinstance(rows, str):
            fields.append(tag.upper() + rows.encode())
            continue
        for row in rows:
            fields.append(tag + cell.join(text(row.get(c, "")).encode() for c in cells))
    return sep.join(fields)


def add_record(record: dict, split: bool, out: dict) -> None:
    record = {k: v for k, v in record.items() if k != "raw_text"}  # raw_text repeats the other fields
    shaped = [record] if split else record
    write("import", json.dumps(shaped, ensure_ascii=False, indent=1).encode(), out)
    write("import-loads", loads_encoding(record), out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    out: dict = {}

    # YAML catalogs, good and bad: both loader targets.
    for f in sorted([*ROOT.glob("tests/data/**/*.yaml"), *ROOT.glob("examples/catalog/*.yaml")]):
        for target in ("load-libyaml", "load-yamlcpp"):
            write(target, f.read_bytes(), out)

    # Rule files: the built-in ones, the YAML blocks of docs/rules.md that are
    # rule files, and the rule texts of tests/rules/test_rules.cpp.
    for f in sorted(ROOT.glob("rules/*.yaml")):
        write("rules", f.read_bytes(), out)
    for block in re.findall(r"```yaml\n(.*?)```", (ROOT / "docs/rules.md").read_text(), re.S):
        if re.search(r"^rules?:", block, re.M):
            write("rules", block.encode(), out)
    tests = (ROOT / "tests/rules/test_rules.cpp").read_text()
    for raw in re.findall(r'R"\((.*?)\)"', tests, re.S):
        if "rule" in raw:
            write("rules", raw.encode(), out)
    for quoted in re.findall(r'"(redtape: 1\\nrule:\\n.*?)"\)', tests):
        write("rules", quoted.encode().decode("unicode_escape").encode("latin-1"), out)

    # Portal records, both shapes: the repository's copies, then a few of ../shared/data.
    for f in sorted([*ROOT.glob("tests/data/real/dichvucong/*/*.json"), *ROOT.glob("examples/portal/*/*.json")]):
        add_record(json.loads(f.read_text()), False, out)
    for record in json.loads((ROOT / "tests/data/real/dichvucong-7sins/data.json").read_text()):
        add_record(record, True, out)
    shared = args.shared
    if shared.is_dir():
        flat = sorted(shared.glob("dichvucong/*/*.json"), key=lambda p: (p.stat().st_size, str(p)))
        for f in flat[:SHARED_FLATTENED]:
            add_record(json.loads(f.read_text()), False, out)
        split = json.loads((shared / "dichvucong-7sins/data.json").read_text())
        split.sort(key=lambda r: (len(json.dumps(r, ensure_ascii=False)), r.get("title", "")))
        for record in split[:SHARED_SPLIT]:
            add_record(record, True, out)
    # Shapes the portal never had but the reader accepts: an array of
    # flattened records, split rows given as one text.
    write("import", b'[{"ma_thu_tuc": "1.000001", "ten_thu_tuc": "A"}, {"title": "B", "Trinh": 1}]', out)
    write("import", json.dumps({"title": "Đăng ký", "Trình tự thực hiện": "Bước 1: nộp hồ sơ",
                                "Cách thức thực hiện": "Trực tiếp7 Ngày làm việcPhí: 20.000 Đồng",
                                "Thành phần hồ sơ": "Tờ khai1 bản chính"}, ensure_ascii=False).encode(), out)

    for target, files in sorted(out.items()):
        folder = HERE / "corpus" / target
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if not old.name.startswith("found-"):
                old.unlink()
        for name, data in sorted(files.items()):
            (folder / name).write_bytes(data)
        print(f"{target}: {len(files)} inputs, {sum(map(len, files.values()))} bytes")


if __name__ == "__main__":
    main()
