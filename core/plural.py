"""Russian plurals: «1 разговор, 2 разговора, 5 разговоров, 223 разговора»."""


def plural(n, one, few, many):
    """The form of the noun for the number n (one: 1, 21; few: 2–4, 22–24; many: 0, 5–20, 25…)."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count(n, one, few, many):
    return f"{n} {plural(n, one, few, many)}"
