"""The kiosk's look: a stylesheet that hides Streamlit's chrome, so that the map component (with its own
title row, language switch, attract loop and idle reset: ``static/atlas/kiosk.js``) is the whole screen
and every touch anywhere reaches it."""

from __future__ import annotations

import streamlit as st

KIOSK_CSS = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="collapsedControl"], footer,
[data-testid="stStatusWidget"], [data-testid="stDecoration"], [data-testid="stAppDeployButton"],
[data-testid="stMainMenu"], .stDeployButton { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0 !important; max-width: 100% !important; }
[data-testid="stVerticalBlock"] { gap: 0 !important; }
[data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] style) { display: none; }
html, body, .stApp { user-select: none; -webkit-user-select: none; touch-action: pan-x pan-y;
  overscroll-behavior: none; overflow: hidden; }
.stApp a { pointer-events: none; }
</style>"""


def kiosk_style() -> None:
    """Hide Streamlit's chrome: the map component fills the screen."""
    st.markdown(KIOSK_CSS, unsafe_allow_html=True)
