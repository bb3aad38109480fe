from math import asin, cos, radians, sin, sqrt

EARTH_KM = 6371.0088


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance; None when either point is unknown."""
    if None in (lat1, lon1, lat2, lon2):
        return None
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * EARTH_KM * asin(sqrt(a))


def covers(served_paths, territory_path):
    """A helper serving a territory serves everything below it (paths are '/1/5/23/')."""
    return any(territory_path.startswith(path) for path in served_paths)


def circle_polygon(lat, lon, radius_km, points=24):
    """A GeoJSON Polygon approximating a circle (Leaflet's GeoJSON has no circles)."""
    from math import pi

    ring = []
    for i in range(points + 1):
        angle = 2 * pi * i / points
        dlat = radius_km / 111.32 * sin(angle)
        dlon = radius_km / (111.32 * cos(radians(lat))) * cos(angle)
        ring.append([round(lon + dlon, 5), round(lat + dlat, 5)])
    return {"type": "Polygon", "coordinates": [ring]}
