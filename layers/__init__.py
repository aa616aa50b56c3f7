"""The layer registry: every map layer, in draw order, and their ids in menu order."""

from geoapp.layer import Layer
from layers import events, flights, missile_sites, quarantine, range_rings, ships

REGISTRY: dict[str, Layer] = {
    layer.id: layer
    for layer in sorted(
        (missile_sites.LAYER, quarantine.LAYER, ships.LAYER, flights.LAYER, range_rings.LAYER, events.LAYER),
        key=lambda layer: layer.order,
    )
}
#: the layers in menu order (derived: a new layer is added to REGISTRY only)
LAYER_IDS: tuple[str, ...] = tuple(sorted(REGISTRY, key=lambda lid: REGISTRY[lid].menu))
