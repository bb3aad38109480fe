from ninja import Router, Schema

from accounts import access
from catalog.models import ServiceCategory

router = Router(tags=["Справочники"])


class CategoryOut(Schema):
    code: str
    name: str
    parent_code: str | None


@router.get("/catalog", response=list[CategoryOut], summary="Каталог помощи")
def list_catalog(request):
    access.require(request, "catalog.view")
    return ServiceCategory.objects.select_related("parent")
