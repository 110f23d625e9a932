"""Building values without their checks, for results made from checked parts."""

import attrs

from helhed._validation import unchecked


def test_a_value_built_unchecked_that_keeps_its_hash_hashes_as_built():
    @attrs.frozen(cache_hash=True)
    class Kept:
        name: str

    assert hash(unchecked(Kept, name="a")) == hash(Kept(name="a"))
