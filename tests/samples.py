"""Sample documents shared by the tests."""


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
