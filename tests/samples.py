"""Sample documents and helpers shared by the tests."""

import io

from helhed.cli import main


def run_cli(capsys, *argv, stdin=None, monkeypatch=None):
    """Run ``helhed`` with ``argv`` (and ``stdin``, if given): its exit code, stdout, stderr."""
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def citizen_data(**changes):
    data = {
        "schema_version": 3,
        "id": "c-1",
        "benefit": "sygedagpenge",
        "sickness_category": "kategori_2",
        "health": {
            "risk_factors": ["rygning"],
            "challenges": [{"domain": "psykisk", "current_barrier": True}],
            "sick_days": 12,
            "affects_work": True,
        },
        "assessed_horizon": None,
    }
    data.update(changes)
    return data
