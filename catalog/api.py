from ninja import Router, Schema

from accounts import access
from catalog import selectors

router = Router(tags=["Справочники"])


class CategoryOut(Schema):
    code: str
    name: str
    parent_code: str | None


@router.get("/catalog", response=list[CategoryOut], summary="Каталог помощи")
def list_catalog(request):
    access.require(request, "catalog.view")
    return selectors.catalog_all()
