"""A protocol read back from its document checks in columns as the protocol itself does."""

from hypothesis import given, settings
from hypothesis import strategies as st

from helhed.protocols import PROTOCOLS
from helhed.rules import Protocol
from helhed.serialization import from_json, to_json
from test_batch_compliance import agrees, cohorts, days_around, layouts


@settings(max_examples=60, deadline=None)
@given(cohorts, st.sampled_from(sorted(PROTOCOLS)), st.data(), layouts())
def test_a_shipped_protocol_read_from_its_document_checks_as_itself(
    pathways, protocol_id, data, layout
):
    protocol = from_json(to_json(PROTOCOLS[protocol_id]), Protocol)
    assert protocol == PROTOCOLS[protocol_id]
    on = data.draw(days_around(pathways))
    agrees(pathways, protocol, on, layout)
