"""The Cuban Missile Crisis atlas: the Streamlit entry point (a thin shell over geoapp.ui.app)."""

from geoapp.ui import run

run()
