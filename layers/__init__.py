"""The layer registry: every map layer, in draw order. Nothing else lives here."""

from geoapp.layer import Layer
from layers import events, flights, missile_sites, quarantine, range_rings, ships

REGISTRY: dict[str, Layer] = {
    layer.id: layer
    for layer in sorted(
        (missile_sites.LAYER, quarantine.LAYER, ships.LAYER, flights.LAYER, range_rings.LAYER, events.LAYER),
        key=lambda layer: layer.order,
    )
}
LAYER_IDS: tuple[str, ...] = ("missile_sites", "quarantine", "ships", "flights", "range_rings", "events")
