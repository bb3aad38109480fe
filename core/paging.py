from django.core.paginator import Paginator

PAGE_SIZE = 25


def paginate(request, queryset, per_page=PAGE_SIZE, param="page"):
    """One page of `queryset`; `param` names the query parameter when a page shows two paged lists."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    page.query_string = query.urlencode()
    page.param = param
    return page
