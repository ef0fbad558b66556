#!/usr/bin/env python3
"""Validate redtape JSON reports against docs/report.schema.json.

    validate_schema.py SCHEMA REPORT.json...
    validate_schema.py --self-test SCHEMA REPORT.json

Every REPORT is checked against the schema, then for what a schema cannot
say: finding indexes in range, totals that count what is there, findings
that name procedures the report holds. Exit 0 when all are valid, 1 when one
is not, 2 on bad usage or unreadable input, 77 (ctest's skip code) when the
jsonschema module is missing (Debian: apt-get install python3-jsonschema).

--self-test breaks a valid REPORT in ways the schema must catch (a missing
key, an unknown key, a severity or suggestion outside the vocabulary, a
float where a count belongs, a change that does not fit its suggestion) and
fails unless every broken copy is rejected: a schema that accepts anything
would otherwise pass unnoticed.
"""

import copy
import json
import sys

try:
    import jsonschema
except ImportError:  # pragma: no cover - depends on the machine
    print("REDTAPE_TEST_SKIPPED: python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: cannot read JSON: {e}", file=sys.stderr)
        sys.exit(2)


def make_validator(schema):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def where(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def semantic_errors(report):
    """What the schema cannot check: the parts of the report agree."""
    errors = []
    procedures = report["procedures"]
    findings = report["findings"]
    totals = report["totals"]
    ids = [p["id"] for p in procedures]
    if len(set(ids)) != len(ids):
        errors.append("/procedures: procedure ids are not unique")
    known = set(ids)
    for i, p in enumerate(procedures):
        for key in ("findings", "applied"):
            for index in p[key]:
                if index >= len(findings):
                    errors.append(f"/procedures/{i}/{key}: index {index} past the {len(findings)} findings")
                elif findings[index]["procedure"] not in ("", p["id"]):
                    errors.append(f"/procedures/{i}/{key}: finding {index} is about "
                                  f"{findings[index]['procedure']!r}, not {p['id']!r}")
        missing = set(p["applied"]) - set(p["findings"])
        if missing:
            errors.append(f"/procedures/{i}/applied: {sorted(missing)} are not among its findings")
    for i, f in enumerate(findings):
        if f["procedure"] and f["procedure"] not in known:
            errors.append(f"/findings/{i}/procedure: {f['procedure']!r} is not in the report")
    if totals["procedures"] != len(procedures):
        errors.append(f"/totals/procedures: {totals['procedures']}, but {len(procedures)} procedures")
    if totals["findings"] != len(findings):
        errors.append(f"/totals/findings: {totals['findings']}, but {len(findings)} findings")
    for severity in ("note", "warning", "error"):
        n = sum(1 for f in findings if f["severity"] == severity)
        if totals["by_severity"][severity] != n:
            errors.append(f"/totals/by_severity/{severity}: {totals['by_severity'][severity]}, but {n} findings")
    return errors


def validate(validator, path, report, quiet=False):
    problems = [f"{where(e)}: {e.message}" for e in
                sorted(validator.iter_errors(report), key=lambda e: list(map(str, e.absolute_path)))]
    if not problems:
        problems = semantic_errors(report)
    if not quiet:
        for p in problems:
            print(f"{path}: {p}", file=sys.stderr)
        if not problems:
            print(f"{path}: valid ({len(report['procedures'])} procedures, "
                  f"{len(report['findings'])} findings)")
    return not problems


def self_test(validator, path, report):
    """Break the report in ways the schema must reject."""
    if not report["procedures"] or not report["findings"]:
        print(f"{path}: --self-test needs a report with procedures and findings", file=sys.stderr)
        return False

    def mutation(change):
        def apply():
            broken = copy.deepcopy(report)
            change(broken)
            return broken
        return apply

    def first_with(kind):
        return next(i for i, f in enumerate(report["findings"]) if f["suggestion"] == kind)

    cases = {
        "no top-level 'totals'": mutation(lambda r: r.pop("totals")),
        "an unknown top-level key": mutation(lambda r: r.update(extra=1)),
        "schema version as a string": mutation(lambda r: r.update(schema="1")),
        "a procedure without metrics": mutation(lambda r: r["procedures"][0].pop("metrics")),
        "an unknown metric": mutation(lambda r: r["procedures"][0]["metrics"].update(speed=1)),
        "a fractional visit count": mutation(
            lambda r: r["procedures"][0]["metrics"].update(applicant_visits=1.5)),
        "a negative volume": mutation(lambda r: r["procedures"][0].update(volume_per_year=-1)),
        "a severity outside the vocabulary": mutation(
            lambda r: r["findings"][0].update(severity="critical")),
        "a suggestion outside the vocabulary": mutation(
            lambda r: r["findings"][0].update(suggestion="rewrite_law")),
        "a message in one language": mutation(lambda r: r["findings"][0]["message"].pop("vi")),
        "a saving without cost_per_year": mutation(
            lambda r: r["findings"][0]["saving"].pop("cost_per_year")),
        "a location line of 1.5": mutation(lambda r: r["findings"][0]["location"].update(line=1.5)),
        "an unknown member of change": mutation(
            lambda r: r["findings"][0]["change"].update(new_channel="online")),
        "null for a number": mutation(lambda r: r["totals"].update(cost_per_year=None)),
    }
    kinds = {f["suggestion"] for f in report["findings"]}
    if "relax_form" in kinds:
        cases["relax_form without new_form"] = mutation(
            lambda r: r["findings"][first_with("relax_form")]["change"].pop("new_form"))
        cases["a form outside the vocabulary"] = mutation(
            lambda r: r["findings"][first_with("relax_form")]["change"].update(new_form="photocopy"))
    if "merge_steps" in kinds:
        cases["merge_steps with one step"] = mutation(
            lambda r: r["findings"][first_with("merge_steps")]["change"].update(steps=["a"]))
    if "reuse_data" in kinds:
        cases["reuse_data without demands"] = mutation(
            lambda r: r["findings"][first_with("reuse_data")]["change"].pop("demands"))
    if "shared_registry" in kinds:
        cases["shared_registry naming one procedure"] = mutation(
            lambda r: r["findings"][first_with("shared_registry")].update(procedure="x"))

    ok = True
    for name, make in cases.items():
        if validate(validator, path, make(), quiet=True):
            print(f"{path}: self-test: the schema accepts {name}", file=sys.stderr)
            ok = False
    if ok:
        print(f"{path}: self-test: the schema rejects all {len(cases)} broken copies")
    return ok


def main(argv):
    args = argv[1:]
    selftest = bool(args) and args[0] == "--self-test"
    if selftest:
        args = args[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    schema = load(args[0])
    try:
        validator = make_validator(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"{args[0]}: not a valid JSON Schema: {e.message}", file=sys.stderr)
        return 1
    ok = True
    for path in args[1:]:
        report = load(path)
        valid = validate(validator, path, report)
        ok = ok and valid
        if valid and selftest:
            ok = self_test(validator, path, report) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
