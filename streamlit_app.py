"""The Cuban Missile Crisis atlas: the Streamlit entry point (a thin shell over geoapp.ui)."""

from geoapp.ui import run

run()
