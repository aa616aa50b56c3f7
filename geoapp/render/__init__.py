"""Renderers: turn a :class:`geoapp.scene.Scene` into a web map, GeoJSON or images."""
