"""Extra layers of the staff map, registered by other apps from their AppConfig.ready().

The directory app never imports those apps: a layer brings its GeoJSON features (a function of the
request) and, optionally, a template included above the map (its legend and filters).
"""

_LAYERS = []


def register(*, features, template=None):
    if all(layer[0] is not features for layer in _LAYERS):
        _LAYERS.append((features, template))


def features(request):
    found = []
    for layer_features, _ in _LAYERS:
        found.extend(layer_features(request))
    return found


def templates():
    return [template for _, template in _LAYERS if template]
