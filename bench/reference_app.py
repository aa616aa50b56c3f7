"""The reference the live map is measured against: the usual Streamlit way, an ``st.slider`` whose
every step reruns the script and rebuilds a small folium map shown with ``st_folium``.

Offline like the atlas (vendored Leaflet); the map's container carries ``data-time`` as ours does.
Run by ``bench/scrub.py``; not part of the product.
"""

from datetime import datetime, timedelta

import folium
import streamlit as st
from branca.element import MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

START = datetime(1962, 10, 14)


class Stamp(MacroElement):
    """Sets data-time on the map container once the map is built."""

    _template = Template("""{% macro script(this, kwargs) %}
    {{ this._parent.get_name() }}.getContainer().setAttribute('data-time', {{ this.iso|tojson }});
    {% endmacro %}""")

    def __init__(self, iso: str):
        super().__init__()
        self.iso = iso


moment = st.slider("Moment (GMT)", min_value=START, max_value=START + timedelta(days=40),
                   value=START + timedelta(days=10), step=timedelta(hours=1), format="YYYY-MM-DD HH:mm")
m = folium.Map(location=[23, -80], zoom_start=5, tiles=None)
m.default_js = [("leaflet", "/app/static/vendor/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/vendor/leaflet/leaflet.css")]
hours = (moment - START) / timedelta(hours=1)
folium.CircleMarker([22.7 + hours / 1000, -83.2], radius=8, tooltip=moment.isoformat()).add_to(m)
Stamp(moment.strftime("%Y-%m-%dT%H:%MZ")).add_to(m)
st_folium(m, height=500, width=900, returned_objects=[], key="ref")
