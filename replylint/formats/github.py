"""GitHub Actions workflow commands: ``::error file=...,line=...::message``.

Input errors become ``::error`` annotations too, so a broken export fails visibly.
"""
from __future__ import annotations

from replylint.formats.base import Renderer
from replylint.formats.excerpt import MaskedReply, excerpt, file_line

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubRenderer(Renderer):
    name = "github"

    def result(self, result) -> None:
        record = result.record
        # Only positions are read here (no reply line is shown), so no masking pass.
        masked = MaskedReply(record.text, ())
        for finding in result.findings:
            found = excerpt(masked, finding)
            props = [f"file={_property(record.source or record.id)}"]
            line = file_line(record, found)
            if line is not None:
                props.append(f"line={line}")
                if record.literal_lines:
                    props.append(f"col={found.column}")
            props.append(f"title={_property(finding['code'] + ' ' + finding['slug'])}")
            message = f"{finding['message']} [{record.id}]"
            self.out.write(f"::{_LEVEL.get(finding['severity'], 'warning')} "
                           f"{','.join(props)}::{_data(message)}\n")

    def error(self, error) -> None:
        props = [f"file={_property(error.path or '<input>')}"]
        if error.line:
            props.append(f"line={error.line}")
        props.append("title=replylint input error")
        self.out.write(f"::error {','.join(props)}::{_data(error.message)}\n")
