"""Report output as CSV, JSON or a standalone HTML page."""

from __future__ import annotations

import csv
import html
import io
import json
import math

from parcours.i18n import t
from parcours.metrics.report import Report, format_score


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def long_rows(report: Report) -> list[dict[str, object]]:
    """One record per group and metric: what CSV and JSON exports carry."""
    records: list[dict[str, object]] = []
    for line in report.lines:
        for metric, row in line.scores.items():
            records.append(
                {
                    **line.keys,
                    "metric": metric,
                    "value": _number(row.value),
                    "ci_low": _number(row.low),
                    "ci_high": _number(row.high),
                    "n": row.n,
                    "significant": row.significant,
                    **{k: _number(v) for k, v in row.extras.items()},
                }
            )
    return records


def to_csv(report: Report) -> str:
    records = long_rows(report)
    columns: dict[str, None] = {}
    for r in records:
        columns.update(dict.fromkeys(r))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def to_json(report: Report) -> str:
    return json.dumps(
        {"min_sample": report.min_sample, "rows": long_rows(report)},
        ensure_ascii=False,
        indent=2,
    )


def to_html(report: Report, *, lang: str) -> str:
    dims = [t(d, lang) for d in report.dimensions]
    title = t("report_title", lang, dims=" × ".join(dims))
    head = "".join(f"<th>{html.escape(h)}</th>" for h in [*dims, *report.metrics])
    body = []
    for line in report.lines:
        cells = [f"<td>{html.escape(line.keys[d])}</td>" for d in report.dimensions]
        for metric in report.metrics:
            row = line.scores.get(metric)
            css = "" if row is None or row.significant else ' class="low-n"'
            text = format_score(row) if row else ""
            cells.append(f"<td{css}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    footnote = html.escape(t("report_footnote", lang, min=report.min_sample))
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem}"
        "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3rem .6rem}"
        "th{background:#f3f3f3}.low-n{color:#888}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><table><thead><tr>{head}</tr></thead><tbody>"
        + "".join(body)
        + f"</tbody></table><p>{footnote}</p></body></html>\n"
    )
