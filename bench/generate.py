#!/usr/bin/env python3
"""Generate a realistic synthetic redtape catalog for benchmarks.

    bench/generate.py --procedures 10000 --out /tmp/catalog-10k [--per-file 100] [--seed 1]

The catalog looks like a province's: one registry file (agencies, ~60
documents with aliases, the VND cost model) and procedure files of
--per-file procedures each. Procedures have 4 to 20 steps (median about
9) with Vietnamese names, and the redundancy patterns the rules look for,
at rates seen in the example catalog and in the portal's records:
the same ID copy demanded twice, certified copies, documents the
government holds, papers carried between agencies, sequential reviews
of different agencies, chains of steps by one agency, unused products,
implied `after` links, inline document names with form qualifiers and
near-duplicate spellings, and [min, likely, max] durations.

Only the standard library is used, so any python3 runs it.
"""

import argparse
import os
import random

AGENCIES = [
    ("ubnd_xa", "Ủy ban nhân dân cấp xã", "People's Committee of the commune", "commune"),
    ("one_stop", "Trung tâm Phục vụ hành chính công tỉnh", "Provincial public service centre", "province"),
    ("so_tai_chinh", "Sở Tài chính", "Department of Finance", "province"),
    ("so_xay_dung", "Sở Xây dựng", "Department of Construction", "province"),
    ("so_nnmt", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment", "province"),
    ("so_tu_phap", "Sở Tư pháp", "Department of Justice", "province"),
    ("so_y_te", "Sở Y tế", "Department of Health", "province"),
    ("so_cong_thuong", "Sở Công Thương", "Department of Industry and Trade", "province"),
    ("cong_an_tinh", "Công an tỉnh", "Provincial Police", "province"),
    ("thue", "Chi cục Thuế khu vực", "Regional tax office", "district"),
    ("van_phong_dat_dai", "Văn phòng đăng ký đất đai", "Land registration office", "province"),
    ("pccc", "Phòng Cảnh sát PCCC", "Fire police", "province"),
]

DOCUMENTS = [
    # id, vi, en, issued_by, held_in, aliases
    ("citizen_id", "Căn cước công dân", "Citizen identity card", "cong_an_tinh",
     "national_population_database", ["CCCD", "Chứng minh nhân dân", "CMND", "Thẻ căn cước"]),
    ("residence_confirmation", "Giấy xác nhận thông tin cư trú", "Residence confirmation", "cong_an_tinh",
     "national_population_database", ["Sổ hộ khẩu", "Mẫu CT07"]),
    ("birth_certificate", "Giấy khai sinh", "Birth certificate", "ubnd_xa", "civil_status_database", []),
    ("marriage_certificate", "Giấy chứng nhận kết hôn", "Marriage certificate", "ubnd_xa",
     "civil_status_database", []),
    ("land_use_right_certificate", "Giấy chứng nhận quyền sử dụng đất", "Land-use right certificate",
     "van_phong_dat_dai", "land_database", ["Sổ đỏ"]),
    ("enterprise_registration_certificate", "Giấy chứng nhận đăng ký doanh nghiệp",
     "Enterprise registration certificate", "so_tai_chinh", "national_business_registration_database", []),
    ("investment_registration_certificate", "Giấy chứng nhận đăng ký đầu tư",
     "Investment registration certificate", "so_tai_chinh", "", []),
    ("construction_permit", "Giấy phép xây dựng", "Construction permit", "so_xay_dung", "", []),
    ("tax_receipt", "Chứng từ nộp thuế", "Tax payment receipt", "thue", "", ["Biên lai nộp thuế"]),
    ("application_form", "Đơn đề nghị", "Application form", "applicant", "", ["Tờ khai"]),
    ("health_certificate", "Giấy chứng nhận sức khỏe", "Health certificate", "so_y_te", "", []),
    ("criminal_record", "Phiếu lý lịch tư pháp", "Criminal record certificate", "so_tu_phap", "", []),
    ("fire_safety_approval", "Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy",
     "Fire-safety design approval", "pccc", "", []),
    ("appraisal_result", "Kết quả thẩm định", "Appraisal result", "so_xay_dung", "", []),
    ("register_entry", "Sổ theo dõi hồ sơ", "Dossier register entry", "one_stop", "", []),
    ("receipt_slip", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Receipt and appointment slip",
     "one_stop", "", []),
]

INLINE_NAMES = [
    "Bản vẽ thiết kế xây dựng", "Sơ đồ vị trí thửa đất", "Báo cáo tài chính năm gần nhất",
    "Hợp đồng thuê địa điểm kinh doanh", "Danh sách thành viên", "Điều lệ công ty",
    "Văn bản ủy quyền", "Bản cam kết bảo vệ môi trường", "Giấy xác nhận tình trạng hôn nhân",
    "Phương án kinh doanh", "Bản thuyết minh dự án đầu tư", "Giấy tờ chứng minh năng lực tài chính",
    "Văn bản đề nghị thực hiện dự án đầu tư", "Bản kê khai thông tin", "Ảnh chân dung 4x6",
]
QUALIFIED = [  # how the portal writes the same documents
    "Bản sao có chứng thực Căn cước công dân", "Bản sao Căn cước công dân",
    "Căn cước công dân (bản sao)", "Bản sao có chứng thực Giấy khai sinh",
    "Bản sao hợp lệ Giấy chứng nhận quyền sử dụng đất", "Sổ hộ khẩu (bản chính)",
    "Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp",
    "Tờ khai (Mẫu số 01)", "Đơn đề nghị (theo mẫu)",
]
ACTIONS_REVIEW = ["check", "verify", "appraise", "inspect", "consult"]
SECTORS = ["enterprise", "construction", "land", "civil_status", "residence", "investment",
           "health", "justice", "trade", "environment"]
STEP_WORDS = {
    "submit": ("Nộp hồ sơ", "Submit the dossier"),
    "receive": ("Tiếp nhận hồ sơ", "Receive the dossier"),
    "check": ("Kiểm tra tính hợp lệ của hồ sơ", "Check the dossier"),
    "verify": ("Xác minh thông tin", "Verify the information"),
    "appraise": ("Thẩm định hồ sơ", "Appraise the dossier"),
    "inspect": ("Kiểm tra thực địa", "Inspect the site"),
    "consult": ("Lấy ý kiến cơ quan liên quan", "Consult related agencies"),
    "transfer": ("Chuyển hồ sơ", "Forward the dossier"),
    "approve": ("Phê duyệt", "Approve"),
    "sign": ("Ký kết quả", "Sign the result"),
    "pay": ("Nộp phí, lệ phí", "Pay the fees"),
    "issue": ("Cấp kết quả", "Issue the result"),
    "collect": ("Nhận kết quả", "Collect the result"),
    "publish": ("Công khai kết quả", "Publish the result"),
}


def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def registry():
    out = ["redtape: 1", "agencies:"]
    for aid, vi, en, level in AGENCIES:
        out.append(f"  - {{id: {aid}, name: {{vi: {q(vi)}, en: {q(en)}}}, kind: government, level: {level}}}")
    out.append("documents:")
    for did, vi, en, issued, held, aliases in DOCUMENTS:
        out.append(f"  - id: {did}")
        out.append(f"    name: {{vi: {q(vi)}, en: {q(en)}}}")
        out.append(f"    issued_by: {issued}")
        if held:
            out.append(f"    held_in: {held}")
        if aliases:
            out.append("    aliases: [" + ", ".join(q(a) for a in aliases) + "]")
    out += [
        "cost_model:",
        "  currency: VND",
        "  hourly_value: 40000",
        "  visit_cost: 60000",
        "  unit_costs: {original: 0, copy: 2000, certified_copy: 10000, electronic: 0, declaration: 0}",
        "  min_step_days: 0",
        "  working_hours_per_day: 8",
    ]
    return "\n".join(out) + "\n"


def demand(rng):
    r = rng.random()
    if r < 0.45:
        did = rng.choice(DOCUMENTS[:9])[0]
        form = rng.choice(["copy", "copy", "certified_copy", "original"])
        return f"{{ref: {did}, form: {form}}}"
    if r < 0.75:
        return f"{{name: {q(rng.choice(QUALIFIED))}}}"
    return f"{{name: {q(rng.choice(INLINE_NAMES))}, form: {rng.choice(['original', 'copy'])}}}"


def procedure(rng, index):
    pid = f"9.{index:06d}"
    sector = rng.choice(SECTORS)
    agency = rng.choice(AGENCIES[2:])[0]
    second = rng.choice([a for a in AGENCIES[2:] if a[0] != agency])[0]
    n_reviews = rng.randint(1, 5)
    steps = []
    # The applicant files the dossier.
    steps.append(dict(id="submit", actor="applicant", action="submit",
                      channel=rng.choice(["in_person", "in_person", "online"]),
                      location="one_stop_centre", hours=rng.choice([2, 3, 4, 6]),
                      requires=[demand(rng) for _ in range(rng.randint(2, 7))]))
    steps.append(dict(id="receive", actor="one_stop", action="receive", days=0.5,
                      produces=["{ref: receipt_slip}"]))
    if rng.random() < 0.3:  # a register nobody reads
        steps.append(dict(id="record", actor="one_stop", action="record", days=0.5,
                          produces=["{ref: register_entry}"]))
    steps.append(dict(id="forward", actor="one_stop", action="transfer", days=0.5))
    for r in range(n_reviews):
        actor = agency if r % 2 == 0 or rng.random() < 0.5 else second
        action = rng.choice(ACTIONS_REVIEW)
        d = rng.choice([1, 2, 3, 5, 7, 10])
        days = f"[{max(0.5, d - 1)}, {d}, {d * 2}]" if rng.random() < 0.2 else d
        step = dict(id=f"review_{r}", actor=actor, action=action, days=days,
                    requires=[f"{{ref: {rng.choice(DOCUMENTS[:8])[0]}}}"])
        if rng.random() < 0.3:
            step["produces"] = ["{ref: appraisal_result}"]
        steps.append(step)
    if rng.random() < 0.25:  # the applicant carries a result to the tax office
        steps.append(dict(id="carry", actor="applicant", action="submit", channel="in_person",
                          location="agency", hours=3, requires=["{ref: appraisal_result}"]))
        steps.append(dict(id="tax", actor="thue", action="verify", days=3,
                          produces=["{ref: tax_receipt}"]))
    steps.append(dict(id="approve", actor=agency, action="approve", days=rng.choice([1, 2, 3])))
    steps.append(dict(id="issue", actor=agency, action="issue", days=1,
                      fee=rng.choice([0, 0, 50000, 100000, 200000, 500000]),
                      produces=["{ref: construction_permit}"]))
    collect = dict(id="collect", actor="applicant", action="collect", channel="in_person",
                   location="one_stop_centre", hours=1, requires=["{ref: receipt_slip}"])
    if rng.random() < 0.3:  # the same ID copy again at collection
        collect["requires"].append("{ref: citizen_id, form: copy}")
    steps.append(collect)
    implied = rng.random() < 0.15
    lines = [f"  - id: {q(pid)}",
             f"    name: {{vi: {q('Thủ tục tổng hợp số ' + str(index) + ' lĩnh vực ' + sector)}, "
             f"en: {q('Synthetic procedure ' + str(index))}}}",
             f"    sector: {sector}", "    level: province", f"    agency: {agency}",
             f"    applicant: {rng.choice(['citizen', 'business', 'any'])}",
             f"    volume_per_year: {rng.choice([10, 50, 200, 600, 1500, 5000, 20000])}",
             "    legal_basis: [\"Nghị định 61/2018/NĐ-CP\"]",
             "    result: construction_permit",
             "    steps:"]
    for i, s in enumerate(steps):
        verb_vi, verb_en = STEP_WORDS.get(s["action"], (s["action"], s["action"]))
        lines.append(f"      - id: {s['id']}")
        lines.append(f"        name: {{vi: {q(verb_vi)}, en: {q(verb_en)}}}")
        lines.append(f"        actor: {s['actor']}")
        lines.append(f"        action: {s['action']}")
        if implied and s["id"] == "approve" and i >= 2:
            lines.append(f"        after: [{steps[i - 1]['id']}, {steps[i - 2]['id']}]")
        if "days" in s:
            lines.append(f"        duration_days: {s['days']}")
        if "hours" in s:
            lines.append(f"        applicant_hours: {s['hours']}")
        if "channel" in s:
            lines.append(f"        channel: {s['channel']}")
            lines.append(f"        location: {s['location']}")
        if s.get("fee"):
            lines.append(f"        fee: {s['fee']}")
        if s.get("requires"):
            lines.append("        requires: [" + ", ".join(s["requires"]) + "]")
        if s.get("produces"):
            lines.append("        produces: [" + ", ".join(s["produces"]) + "]")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--procedures", type=int, default=1000)
    ap.add_argument("--per-file", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "registry.yaml"), "w", encoding="utf-8") as f:
        f.write(registry())
    total = 0
    for start in range(0, args.procedures, args.per_file):
        body = ["redtape: 1", "procedures:"]
        for i in range(start, min(args.procedures, start + args.per_file)):
            body.append(procedure(rng, i))
        path = os.path.join(args.out, f"procedures-{start // args.per_file:05d}.yaml")
        text = "\n".join(body)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
    print(f"{args.procedures} procedures, {total / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
