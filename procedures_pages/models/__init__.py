"""Catalogue and news models; split by concern, re-exported here for Django."""

from .catalogue import (
    AdministrativeLevel,
    Channel,
    DocumentRequirement,
    LegalBasis,
    OnlineServiceLevel,
    ProcedureChannel,
    ProcedureIndexPage,
    ProcedurePage,
    TimeLimitUnit,
    WorkflowStep,
)
from .home import HomePage
from .news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from .site_settings import PortalSettings
from .snippets import Agency, AgencyLevel, Sector

__all__ = [
    "AdministrativeLevel",
    "Agency",
    "AgencyLevel",
    "Channel",
    "DocumentRequirement",
    "HomePage",
    "LegalBasis",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OnlineServiceLevel",
    "PortalSettings",
    "ProcedureChannel",
    "ProcedureIndexPage",
    "ProcedurePage",
    "Sector",
    "TimeLimitUnit",
    "WorkflowStep",
]
