"""Whole processes on generated cohorts of growing size: `overgang report` (the CLI, reading the
document participant by participant and keeping only the report's facts) and Python's
`Cohort.from_file` + `report`, against the pandas script an analyst would write
(`pandas_report_cli.py`: json.load, DataFrames, the same tables); and the same cohort as the
CSV files a project exports (`overgang report *.csv` against the pandas script reading them
with `read_csv`), and as one workbook (`overgang report book.xlsx` against the pandas script
reading it with `read_excel`). Wall time and peak memory (GNU time's maximum resident set) of
each process, best of REPEAT runs, as ratios to pandas measured in the same run.

Usage: python benches/python/bench_process.py OVERGANG_BIN GENERATE_BIN [PARTICIPANTS ...]
"""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPEAT = int(os.environ.get("REPEAT", "3"))


def measure(argv, repeat=REPEAT):
    """Best wall time (s) and the peak memory (MB) of that run."""
    best = None
    for _ in range(repeat):
        r = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", *argv],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True, cwd=HERE,
        )
        seconds, kb = r.stderr.strip().splitlines()[-1].split()
        run = (float(seconds), int(kb) / 1024)
        best = run if best is None or run[0] < best[0] else best
    return best


def main():
    overgang_bin, generate_bin, *sizes = sys.argv[1:]
    sizes = [int(s) for s in sizes] or [10_000, 100_000, 1_000_000]
    python = sys.executable
    py_report = (
        "import sys, overgang; c = overgang.Cohort.from_file(sys.argv[1]); "
        "print(len(c.render(min_cell=0, format='json')))"
    )
    py_stream = (
        "import sys, json, overgang; r = overgang.Cohort.report_file(sys.argv[1], min_cell=0); "
        "print(len(json.dumps(r)))"
    )
    rows = []
    csv_rows = []
    xlsx_rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"cohort-{n}.json")
            with open(path, "wb") as f:
                subprocess.run([generate_bin, str(n)], stdout=f, check=True)
            mb = os.path.getsize(path) / 1e6
            # pandas at a million takes minutes and gigabytes: one run is enough there.
            pandas = measure([python, "pandas_report_cli.py", path], repeat=1 if n >= 1_000_000 else REPEAT)
            cli = measure([overgang_bin, "report", path, "--format", "json", "--min-cell", "0"])
            py = measure([python, "-c", py_report, path])
            pys = measure([python, "-c", py_stream, path])
            rows.append((n, mb, pandas, cli, py, pys))
            os.remove(path)
            folder = os.path.join(tmp, f"csv-{n}")
            os.mkdir(folder)
            subprocess.run([generate_bin, str(n), "--csv", folder], check=True)
            files = [os.path.join(folder, f"{k}.csv") for k in ("participants", "who5", "gse", "ten_step", "interventions")]
            csv_mb = sum(os.path.getsize(f) for f in files) / 1e6
            pandas_csv = measure([python, "pandas_report_cli.py", folder], repeat=1 if n >= 1_000_000 else REPEAT)
            cli_csv = measure([overgang_bin, "report", *files, "--project", "P", "--format", "json", "--min-cell", "0"], repeat=1 if n >= 1_000_000 else REPEAT)
            csv_rows.append((n, csv_mb, pandas_csv, cli_csv))
            for f in files:
                os.remove(f)
            # The same tables as one workbook (a sheet each, numbers and dates typed); a million
            # participants' workbook is over the 200 MB limit of a file.
            if n < 1_000_000:
                book = os.path.join(tmp, f"cohort-{n}.xlsx")
                subprocess.run([generate_bin, str(n), "--xlsx", book], check=True)
                cli_xlsx = measure([overgang_bin, "report", book, "--project", "P", "--format", "json", "--min-cell", "0"])
                # openpyxl takes about a minute for 100 000 participants: one run there.
                pandas_xlsx = measure([python, "pandas_report_cli.py", book], repeat=1 if n >= 100_000 else REPEAT)
                xlsx_rows.append((n, os.path.getsize(book) / 1e6, pandas_xlsx, cli_xlsx))
                os.remove(book)
    print("| participants | file MB | pandas script s / MB | `overgang report` s / MB | time vs pandas | memory vs pandas | Python `from_file` + `render` s / MB | time, memory vs pandas | Python `report_file` s / MB | time, memory vs pandas |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, mb, (tp, mp), (tc, mc), (ty, my), (ts, ms) in rows:
        print(
            f"| {n:,} | {mb:.0f} | {tp:.2f} / {mp:.0f} | {tc:.2f} / {mc:.0f} | {tc / tp:.3f} ({tp / tc:.1f}x faster) | {mc / mp:.2f} "
            f"| {ty:.2f} / {my:.0f} | {ty / tp:.3f}, {my / mp:.2f} | {ts:.2f} / {ms:.0f} | {ts / tp:.3f}, {ms / mp:.2f} |"
        )
    print()
    # The bounds for CSV input are the document's: against the pandas script on the
    # same cohort's document (the first table's baseline), and against pandas reading the CSV.
    print("| participants (CSV) | files MB | pandas `read_csv` script s / MB | `overgang report *.csv` s / MB | time, memory vs pandas `read_csv` | time, memory vs pandas on the document |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    print_input_rows(csv_rows, rows)
    print()
    print("| participants (workbook) | xlsx MB | pandas `read_excel` script s / MB | `overgang report book.xlsx` s / MB | time, memory vs pandas `read_excel` | time, memory vs pandas on the document |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    print_input_rows(xlsx_rows, rows)


def print_input_rows(input_rows, document_rows):
    """The rows of an input's table (CSV files, a workbook): overgang against pandas reading
    that input, and against pandas on the same cohort's document (the first table's
    baseline)."""
    for (n, mb, (tp, mp), (tc, mc)), row in zip(input_rows, document_rows):
        (td, md) = row[2]
        print(
            f"| {n:,} | {mb:.0f} | {tp:.2f} / {mp:.0f} | {tc:.2f} / {mc:.0f} | {tc / tp:.3f} ({tp / tc:.1f}x faster), {mc / mp:.2f} "
            f"| {tc / td:.3f} ({td / tc:.1f}x faster), {mc / md:.2f} |"
        )


if __name__ == "__main__":
    main()
