"""The Cuban Missile Crisis atlas: data model, validation, the crisis clock, scenes and renderers."""

__version__ = "0.1.0"
