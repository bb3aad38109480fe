"""Finding a locality by what a resident types: case, ё/е, «г.»/«с.» prefixes and small typos."""

import re

from rapidfuzz import fuzz, process

PREFIXES = re.compile(r"^(г|гор|город|с|село|п|пос|посёлок|поселок|д|дер|деревня|пгт|рп|ст|х)\.?\s+")


def normalize(text):
    text = " ".join((text or "").lower().replace("ё", "е").split())
    return PREFIXES.sub("", text).strip(" .,")


def _similarity(query, name, **kwargs):
    """Whole-name similarity; for longer queries also the best-matching part («пасёлок» ~ «Посёлок А1»)."""
    partial = fuzz.partial_ratio(query, name) if len(query) >= 5 else 0
    return max(fuzz.ratio(query, name), partial)


def best_matches(query, candidates, limit=8, cutoff=80):
    """candidates: iterable of (key, name). Returns keys, best first: exact, then prefix, then fuzzy."""
    q = normalize(query)
    if not q:
        return []
    names = {key: normalize(name) for key, name in candidates}
    exact = [k for k, n in names.items() if n == q]
    prefix = [k for k, n in names.items() if n.startswith(q) and k not in exact]
    seen = set(exact + prefix)
    fuzzy = []
    if len(q) >= 3:
        for _, _score, key in process.extract(q, names, scorer=_similarity, limit=limit, score_cutoff=cutoff):
            if key not in seen:
                fuzzy.append(key)
    return (exact + sorted(prefix, key=lambda k: names[k]) + fuzzy)[:limit]
