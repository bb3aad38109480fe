import pytest

from core.plural import count


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "1 разговор"),
        (2, "2 разговора"),
        (5, "5 разговоров"),
        (11, "11 разговоров"),
        (21, "21 разговор"),
        (223, "223 разговора"),
        (112, "112 разговоров"),
        (0, "0 разговоров"),
    ],
)
def test_it_declines_counts_in_russian(n, text):
    assert count(n, "разговор", "разговора", "разговоров") == text
