"""The kiosk's look: a stylesheet that hides Streamlit's chrome, and a title row with a one-touch
language switch."""

from __future__ import annotations

import streamlit as st

from geoapp.i18n import t
from geoapp.ui import session

KIOSK_CSS = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="collapsedControl"], footer,
[data-testid="stStatusWidget"], [data-testid="stDecoration"], [data-testid="stAppDeployButton"],
[data-testid="stMainMenu"], .stDeployButton { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.4rem 1rem 0 !important;
  max-width: 100% !important; }
html, body, .stApp { user-select: none; -webkit-user-select: none; touch-action: pan-x pan-y;
  overscroll-behavior: none; }
.stApp a { pointer-events: none; }
.stButton button { min-height: 48px; min-width: 96px; font-size: 1.1rem; }
.stApp { font-size: 1.15rem; }
</style>"""


def kiosk_header(lang: str) -> None:
    """The kiosk's title row: the title and a one-touch language switch."""
    st.markdown(KIOSK_CSS, unsafe_allow_html=True)
    left, right = st.columns([6, 1])
    left.markdown(f"### {t('app_title', lang)}")
    right.button("English" if lang == "ja" else "日本語", key="lang_toggle", on_click=session.on_toggle_lang,
                 use_container_width=True)
