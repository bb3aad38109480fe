"""A package of another HSDS 3.0 publisher (no `x_zabota_*` fields) for the test region."""

import json


def _org(name, locality=None, region="Тестовая область", services=(), website="", address="ул. Садовая, 3"):
    org = {
        "id": f"ext-{abs(hash(name)) % 10_000}",
        "name": name,
        "description": f"{name}: помощь старшим",
        "email": "info@example.org",
        "website": website,
        "phones": [{"number": "8 (4912) 55-02-02"}],
        "services": list(services),
        "locations": [],
    }
    if locality is not None:
        org["locations"].append(
            {
                "name": name,
                "latitude": 55.12,
                "longitude": 40.12,
                "physical_addresses": [
                    {
                        "address_1": address,
                        "locality": locality,
                        "region": region,
                        "postal_code": "390000",
                        "country": "RU",
                    }
                ],
            }
        )
    return org


def _service(name, *terms):
    return {
        "name": name,
        "description": "Пенсионерам и людям с инвалидностью",
        "attributes": [{"taxonomy_term": {"vocabulary": "open-eligibility", "code": c, "name": n}} for c, n in terms],
    }


FOOD = ("food-delivery", "Food delivery")
LEGAL = ("legal", "Юридическая помощь")


def package():
    return {
        "organizations": [
            _org(
                "Фонд «Добрый день»",
                "Посёлок А1",
                services=[_service("Доставка продуктов", FOOD), _service("Юрист", LEGAL)],
            ),
            _org("Клуб «Соседи»", "пос. А1", region="Тестовая обл.", services=[{"name": "Досуг и общение"}]),
            _org("Центр «Берёзка»", "Село Б1", services=[_service("Продукты на дом", FOOD)]),
            _org("Без адреса", None),
            _org("Центр в Атлантиде", "Атлантида"),
            _org("Сайт со сценарием", "Посёлок А1", website="javascript:alert(1)"),
            _org("НКО Района А", "Посёлок А1", services=[_service("Продукты", FOOD)]),
        ]
    }


def package_bytes():
    return json.dumps(package(), ensure_ascii=False).encode()
