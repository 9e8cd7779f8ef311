"""The neo4j-admin import CSV: headers typed from the model, one row per record."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from patronage_graph import model
from patronage_graph.synthetic import CALIBRATION, Node, Rel, generate
from patronage_graph.synthetic.csv_export import ARRAY_DELIMITER, CsvSet, write_csv
from patronage_graph.synthetic.csv_parallel import write_country_csv

SMALL_CITIES = replace(CALIBRATION, workers_per_city=500)


def read(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_files_hold_every_record_once(tmp_path: Path) -> None:
    records = list(generate(2_000, 3))
    files = write_csv(records, tmp_path)
    assert files.node_count == sum(isinstance(r, Node) for r in records)
    assert files.rel_count == sum(isinstance(r, Rel) for r in records)
    rows = sum(
        len(read(data))
        for _, parts in [*files.nodes.values(), *files.relationships.values()]
        for data in parts
    )
    assert rows == files.node_count + files.rel_count


def test_node_header_is_typed_from_the_model(tmp_path: Path) -> None:
    files = write_csv(generate(500, 3), tmp_path)
    header = read(files.nodes["Worker"][0])[0]
    assert header[:2] == ["id:ID", ":LABEL"]
    assert "startedWork:long" in header and "hasCertificate:boolean" in header
    assert "sources:string[]" in header and "status:string" in header
    worker = dict(zip(header, read(files.nodes["Worker"][1][0])[0], strict=True))
    assert worker[":LABEL"].split(ARRAY_DELIMITER) == list(model.ancestry("Worker"))


def test_relationship_rows_carry_id_tie_and_sources(tmp_path: Path) -> None:
    files = write_csv(generate(500, 3), tmp_path)
    header, *rows = [
        read(files.relationships["SUPPORTED"][0])[0],
        *read(files.relationships["SUPPORTED"][1][0]),
    ]
    assert header[:5] == [":START_ID", ":END_ID", ":TYPE", "id", "tie"]
    assert "sources:string[]" in header and "amount:double" in header
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        assert cells[":TYPE"] == "SUPPORTED" and cells["tie"] == "patronage"
        assert cells["sources:string[]"] == "syn3-source"
        assert cells["id"].endswith(f"#kind={cells['kind:string']}")


def test_from_directory_finds_what_was_written(tmp_path: Path) -> None:
    files = write_csv(generate(500, 3), tmp_path)
    again = CsvSet.from_directory(tmp_path)
    assert again.nodes == files.nodes and again.relationships == files.relationships
    assert sorted(again.import_args()) == sorted(files.import_args())


def test_every_synthetic_row_carries_its_grade(tmp_path: Path) -> None:
    """Bulk CSV and online records alike: `stated`, relative to the synthetic Source."""
    records = list(generate(500, 3))
    assert all(
        r.props.get("evidence") == "stated"
        for r in records
        if not (isinstance(r, Node) and r.label == "Source")
    )
    files = write_csv(records, tmp_path)
    for name, (head, (data,)) in [*files.nodes.items(), *files.relationships.items()]:
        if name == "Source":
            continue
        header = read(head)[0]
        column = header.index("evidence:string")
        assert {row[column] for row in read(data)} == {"stated"}, name


def _sorted_rows(files: CsvSet) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Per label or type: the header and every data row, sorted (the importer's view)."""
    return {
        name: (read(head)[0], sorted(row for data in parts for row in read(data)))
        for name, (head, parts) in [*files.nodes.items(), *files.relationships.items()]
    }


def test_several_writer_processes_write_the_same_rows_as_one(tmp_path: Path) -> None:
    """Cities go to different processes; the rows are the same, only their files differ."""
    workers = 1_500  # three cities of 500: part 1 of 2 has a city of its own
    one = write_country_csv(workers, 3, tmp_path / "one", processes=1, cal=SMALL_CITIES)
    two = write_country_csv(workers, 3, tmp_path / "two", processes=2, cal=SMALL_CITIES)
    assert len(two.nodes["Worker"][1]) == 2 and len(one.nodes["Worker"][1]) == 1
    assert (two.node_count, two.rel_count) == (one.node_count, one.rel_count)
    assert _sorted_rows(two) == _sorted_rows(one)
    assert _sorted_rows(CsvSet.from_directory(tmp_path / "two")) == _sorted_rows(two)
    everything = list(generate(workers, 3, SMALL_CITIES))
    assert one.node_count == sum(isinstance(r, Node) for r in everything)
    assert one.rel_count == sum(isinstance(r, Rel) for r in everything)


def test_import_arguments_name_every_part_after_the_header(tmp_path: Path) -> None:
    files = write_country_csv(1_500, 3, tmp_path, processes=2, cal=SMALL_CITIES)
    head = tmp_path / "Worker.header.csv"
    parts = [tmp_path / "Worker.p0.csv", tmp_path / "Worker.p1.csv"]
    assert f"--nodes={head},{parts[0]},{parts[1]}" in files.import_args()
