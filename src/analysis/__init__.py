"""Research toolkit for administrative reform outcomes (PAR INDEX, SIPAS, PAPI, PCI) in Vietnam."""

from .panel import build_panel, load_panel
from .provinces import UnknownProvinceError, province_table, resolve

__all__ = ["build_panel", "load_panel", "province_table", "resolve", "UnknownProvinceError"]
